// Lesson 6: gradient descent moves w against the gradient, w ← w − η ∂L/∂w; momentum and Adam
// change how a gradient becomes a step; a learning rate too large overshoots.
// The optimizers' rates are the run comparison's (web/views/teach/compare-plans.js), so the
// runs kept side by side are the ones its "optimizers" comparison would train.
export default {
  id: 'gradient-descent',
  concept: 'gradient-descent',
  title: { en: 'Gradient descent: w ← w − η ∂L/∂w', zh: '梯度下降：w ← w − η ∂L/∂w' },
  steps: [
    {
      text: {
        en: 'Plain gradient descent (SGD) moves every weight a small step against its gradient: w ← w − η ∂L/∂w, with learning rate η = 0.1 here, the gradient averaged over a mini-batch of 32 images. Do it trains one epoch on 1,000 images.',
        zh: '最朴素的梯度下降（SGD）让每个权重沿梯度的反方向走一小步：w ← w − η ∂L/∂w，这里学习率 η = 0.1，梯度取 32 张图片组成的小批量上的平均值。点击“执行”在 1,000 张图片上训练一轮。',
      },
      look: {
        en: 'The loss curve: it falls, but noisily, because each mini-batch gives only an estimate of the true gradient. The finished run is kept for comparison.',
        zh: '损失曲线：在下降，但抖动明显，因为每个小批量给出的只是真实梯度的一个估计。训练完的这次运行会被保留下来，供后面对比。',
      },
      settings: 'preset=mlp&opt=sgd&lr=0.1&limit=1000&epochs=1',
      do: 'train',
      target: 'compare-panel',
    },
    {
      text: {
        en: 'Look at one step up close. Do it trains and traces one more mini-batch with the same rule.',
        zh: '近距离看一步。点击“执行”，用同样的规则再训练并追踪一个小批量。',
      },
      look: {
        en: 'For a neuron you choose: each weight\'s change Δw is exactly −η times the mini-batch gradient, here −0.1 × ∂L/∂w.',
        zh: '选一个神经元：每个权重的变化量 Δw 恰好等于 −η 乘以这个小批量的梯度，这里就是 −0.1 × ∂L/∂w。',
      },
      do: 'explain-step',
      target: 'explain-panel',
    },
    {
      text: {
        en: 'Momentum keeps a running direction: v ← μv + ∂L/∂w, w ← w − ηv, with μ = 0.9. Like a heavy ball, it rolls through the noise and speeds up along a steady slope, so η = 0.01 takes steps about as large as SGD\'s 0.1. Train it.',
        zh: '动量法维护一个“惯性方向”：v ← μv + ∂L/∂w，w ← w − ηv，其中 μ = 0.9。它像一个沉重的小球，能冲过噪声，并在稳定的坡道上越滚越快，所以 η = 0.01 的步子就和 SGD 取 0.1 时差不多大。训练它。',
      },
      look: {
        en: 'The run comparison: the momentum run\'s loss next to SGD\'s.',
        zh: '运行对比：动量法的损失曲线与 SGD 的放在一起。',
      },
      settings: 'preset=mlp&opt=momentum&lr=0.01&limit=1000&epochs=1',
      do: 'train',
      target: 'compare-panel',
    },
    {
      text: {
        en: 'Adam gives every weight its own step size: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − η m̂ / (√v̂ + ε), where g = ∂L/∂w and m̂, v̂ are m and v corrected for starting at 0. Train it with η = 0.001.',
        zh: 'Adam 为每个权重单独调整步长：m ← β₁m + (1−β₁)g，v ← β₂v + (1−β₂)g²，w ← w − η m̂ / (√v̂ + ε)，其中 g = ∂L/∂w，m̂、v̂ 是修正了“从 0 开始”偏差的 m 和 v。用 η = 0.001 训练它。',
      },
      look: {
        en: 'The three runs side by side: which loss falls fastest, and which reaches the best accuracy after one epoch.',
        zh: '三次运行并排对比：哪条损失曲线下降最快，哪个在一轮之后准确率最高。',
      },
      settings: 'preset=mlp&opt=adam&lr=0.001&limit=1000&epochs=1',
      do: 'train',
      target: 'compare-panel',
    },
    {
      text: {
        en: 'The learning rate is the step size. When η is far too large, w − η ∂L/∂w jumps right over the valley of the loss and lands higher on the other side, again and again. Train plain SGD with η = 5, fifty times the 0.1 of the first run.',
        zh: '学习率就是步长。η 太大时，w − η ∂L/∂w 会一步跨过损失的“谷底”，落到对面更高的地方，如此反复。用 η = 5（第一次运行的 50 倍）的朴素 SGD 训练一次。',
      },
      look: {
        en: 'The loss jumps from 2.3 into the tens instead of falling, and the accuracy stays low: the huge steps also leave almost every ReLU giving 0 for every image (dead units).',
        zh: '损失不降反升，从 2.3 跳到几十，准确率也上不去：过大的步子还让几乎所有 ReLU 对每张图片都输出 0（“死亡”单元）。',
      },
      settings: 'preset=fail-high-lr&limit=1000&epochs=1',
      do: 'train',
      target: 'training-chart',
    },
  ],
};
