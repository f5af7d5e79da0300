// Lesson 7: initialisation decides whether training can start: all-zero weights never break
// the symmetry, weights far too large saturate and explode, Glorot keeps the variance right.
export default {
  id: 'initialisation',
  concept: 'initialisation',
  title: { en: 'Initialisation: where gradient descent starts', zh: '初始化：梯度下降从哪里出发' },
  steps: [
    {
      text: {
        en: 'Start with every weight at 0. Then every hidden neuron computes the same z = w·x + b = 0 and gets the same gradient, so nothing could ever make them differ: the layer works like a single neuron. With ReLU it is worse: at z = 0 it passes no gradient back at all. Train it.',
        zh: '先把所有权重都设为 0。这样每个隐藏神经元算出的 z = w·x + b 都等于 0，得到的梯度也一样，没有任何东西能让它们变得不同：整层就像只有一个神经元。用 ReLU 时情况更糟：z = 0 时它根本不往回传梯度。训练它。',
      },
      look: {
        en: 'The first-layer weight images stay blank and the accuracy stays near 10%: only the output biases learn, that is, which digit is most common.',
        zh: '第一层的权重图像一直是空白，准确率停在 10% 左右：只有输出层的偏置在学习，学到的只是哪个数字最常见。',
      },
      settings: 'preset=fail-zero-init&limit=1000&epochs=1',
      do: 'train',
      target: 'weights-section',
    },
    {
      text: {
        en: 'Now weights far too large, drawn from N(0, 1). The variance of z = Σᵢ wᵢxᵢ + b grows with every weight\'s variance, so z is huge: softmax gives probabilities of almost exactly 0 and 1, and a wrong answer costs L = −log p_y in the tens or hundreds. Train it.',
        zh: '再试试权重大得离谱的情况：从 N(0, 1) 中抽取。z = Σᵢ wᵢxᵢ + b 的方差随每个权重的方差一起增大，于是 z 非常大：softmax 给出的概率几乎只有 0 和 1，一个错误答案的损失 L = −log p_y 高达几十甚至几百。训练它。',
      },
      look: {
        en: 'The first mini-batch\'s loss among the counters: near 185 instead of ln 10 ≈ 2.3; after an epoch the accuracy is still only about 20%.',
        zh: '计数器里第一个小批量的损失：约为 185，而不是 ln 10 ≈ 2.3；训练一轮后准确率仍只有 20% 左右。',
      },
      settings: 'preset=fail-large-init&limit=1000&epochs=1',
      do: 'train',
      target: 'train-section',
    },
    {
      text: {
        en: 'Glorot initialisation draws w ~ U(−r, r) with r = √(6 / (n_in + n_out)), so Var(w) = 2 / (n_in + n_out): the variance of z stays about that of x, layer after layer, forwards and backwards. Train the healthy network.',
        zh: 'Glorot 初始化从 U(−r, r) 中抽取 w，其中 r = √(6 / (n_in + n_out))，即 Var(w) = 2 / (n_in + n_out)：无论前向还是反向，z 的方差逐层都与 x 的方差大致相当。训练这个正常的网络。',
      },
      look: {
        en: 'The first loss near 2.3, then a steady fall; the weight images take shape.',
        zh: '第一个损失接近 2.3，随后稳步下降；权重图像逐渐显出形状。',
      },
      settings: 'preset=mlp&limit=1000&epochs=1',
      do: 'train',
      target: 'train-section',
    },
    {
      text: {
        en: 'Look inside: the health panel shows every layer\'s weights, activations and gradients as histograms.',
        zh: '看看网络内部：健康面板用直方图显示每一层的权重、激活值和梯度。',
      },
      look: {
        en: 'Weights spread over a small symmetric range, activations neither all zero nor all saturated, gradients of a similar size in every layer.',
        zh: '权重分布在一个较小的对称区间内，激活值既不全为 0 也没有全部饱和，各层梯度的大小相近。',
      },
      do: 'health',
      target: 'health-panel',
    },
  ],
};
