// Lesson 3: the activation function bends the mapping (without it, layers collapse into one
// linear map) and decides whether the gradient survives the way back: deep sigmoid stacks
// vanish, ReLU passes it on.
export default {
  id: 'activations',
  concept: 'activations',
  title: { en: 'Activation functions: the bend, and the way back', zh: '激活函数：非线性，以及梯度的回传之路' },
  steps: [
    {
      text: {
        en: 'Without an activation function, stacked layers collapse: W₂(W₁x + b₁) + b₂ is again one linear map Wx + b. ReLU, a = max(0, z), bends it, and its derivative is 1 wherever z > 0, so gradients pass through unchanged. Train this ReLU network for one epoch on 1,000 images.',
        zh: '如果没有激活函数，多层叠加就会“塌缩”：W₂(W₁x + b₁) + b₂ 仍然只是一个线性映射 Wx + b。ReLU，a = max(0, z)，让映射“拐弯”；而且只要 z > 0，它的导数就是 1，梯度可以原样通过。在 1,000 张图片上把这个 ReLU 网络训练一轮。',
      },
      look: {
        en: 'The loss falls fast and the accuracy climbs (training chart and epoch log).',
        zh: '损失迅速下降，准确率不断上升（看训练图表和每轮日志）。',
      },
      settings: 'preset=mlp&limit=1000&epochs=1',
      do: 'train',
      target: 'train-section',
    },
    {
      text: {
        en: 'Now seven sigmoid layers of 64 units, σ(z) = 1 / (1 + e^−z), trained with plain SGD. The derivative σ′(z) = σ(z)(1 − σ(z)) is at most 0.25, and backpropagation multiplies one such factor per layer, so the gradient reaching the first layers shrinks roughly like 0.25ⁿ. Train it for three epochs.',
        zh: '现在换成七层、每层 64 个单元的 sigmoid 网络，σ(z) = 1 / (1 + e^−z)，用最朴素的 SGD 训练。导数 σ′(z) = σ(z)(1 − σ(z)) 最大只有 0.25，而反向传播每经过一层就要乘上一个这样的因子，所以传到前几层的梯度大致按 0.25ⁿ 缩小。把它训练三轮。',
      },
      look: {
        en: 'The loss stays near 2.3 and the accuracy near 10%, chance level: the first layers barely learn.',
        zh: '损失一直停在 2.3 附近，准确率在 10% 左右，相当于瞎猜：前几层几乎学不到东西。',
      },
      settings: 'preset=fail-deep-sigmoid&limit=1000&epochs=3',
      do: 'train',
      target: 'train-section',
    },
    {
      text: {
        en: 'Measure it: the network\'s health shows, for every layer, the spread of its weights, activations and gradients, and the size of its gradient ‖∂L/∂W‖.',
        zh: '测一测：网络健康面板显示每一层权重、激活值和梯度的分布，以及梯度的大小 ‖∂L/∂W‖。',
      },
      look: {
        en: 'The gradient norm shrinks layer by layer towards the input, the first layer\'s thousands of times smaller than the last\'s: the gradient vanishes on its way back.',
        zh: '梯度范数从输出往输入方向一层层变小，第一层的比最后一层的小几千倍：梯度在回传的路上消失了。',
      },
      do: 'health',
      target: 'health-panel',
    },
    {
      text: {
        en: 'The same seven layers and the same SGD, with ReLU instead of sigmoid and He initialisation (made for ReLU): every active unit passes the gradient on with factor 1. Train it for three epochs.',
        zh: '同样的七层、同样的 SGD，只把 sigmoid 换成 ReLU，并使用专为 ReLU 设计的 He 初始化：每个激活的单元都以因子 1 把梯度传下去。把它训练三轮。',
      },
      look: {
        en: 'The loss falls well below 2.3 and the accuracy climbs far above chance: depth was not the problem, the activation was.',
        zh: '损失降到远低于 2.3，准确率远高于瞎猜：问题不在深度，而在激活函数。',
      },
      settings: 'preset=fail-deep-sigmoid&model=dense:64:relu,dense:64:relu,dense:64:relu,dense:64:relu,dense:64:relu,dense:64:relu,dense:64:relu,dense:10:softmax&init=he_normal&limit=1000&epochs=3',
      do: 'train',
      target: 'train-section',
    },
    {
      text: {
        en: 'Ask for the health of the ReLU network.',
        zh: '查看这个 ReLU 网络的健康状况。',
      },
      look: {
        en: 'Gradient norms of the same order in every layer; with ReLU, watch the share of dead units (zero for every example) instead.',
        zh: '每一层的梯度范数都在同一个数量级；对于 ReLU，要留意的是“死亡”单元（对所有样本输出都为 0）的比例。',
      },
      do: 'health',
      target: 'health-panel',
    },
  ],
};
