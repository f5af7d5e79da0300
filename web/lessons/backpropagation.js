// Lesson 5: backpropagation is the chain rule: ∂L/∂z starts as p − t at the output and goes
// back through the weights and the activations; ∂L/∂w = ∂L/∂z · x; checked by finite differences.
export default {
  id: 'backpropagation',
  concept: 'backpropagation',
  title: { en: 'Backpropagation: ∂L/∂z flows back through the layers', zh: '反向传播：∂L/∂z 一层一层往回传' },
  steps: [
    {
      text: {
        en: 'Backpropagation is the chain rule, applied from the loss back to every weight. It starts at the output: for softmax with cross-entropy, ∂L/∂zₖ = pₖ − tₖ for one image (t: the one-hot target); the loss of a mini-batch is the mean over its B = 32 images, so each image brings (pₖ − tₖ) / B. Do it traces one mini-batch.',
        zh: '反向传播就是链式法则：从损失出发，一路算回到每一个权重。它从输出层开始：对 softmax 加交叉熵，单张图片的 ∂L/∂zₖ = pₖ − tₖ（t 为独热目标）；小批量的损失是 B = 32 张图片的平均值，所以每张图片贡献 (pₖ − tₖ) / B。点击“执行”追踪一个小批量。',
      },
      look: {
        en: 'Choose an output neuron: for an image, its ∂L/∂z is (p − 1) / 32 if it is the true digit\'s neuron and p / 32 otherwise, where p is the probability it gave.',
        zh: '选一个输出层神经元：对一张图片，如果它对应真实数字，它的 ∂L/∂z 等于 (p − 1) / 32，否则等于 p / 32，其中 p 是它给出的概率。',
      },
      settings: 'preset=mlp&limit=1000&epochs=1',
      do: 'explain-step',
      target: 'explain-panel',
    },
    {
      text: {
        en: 'One layer back, the chain rule carries the error through the weights and the activation: ∂L/∂aⱼ = Σₖ Wₖⱼ ∂L/∂zₖ, then through ReLU ∂L/∂zⱼ = ∂L/∂aⱼ · [zⱼ > 0].',
        zh: '往回一层，链式法则让误差穿过权重和激活函数：∂L/∂aⱼ = Σₖ Wₖⱼ ∂L/∂zₖ，再穿过 ReLU：∂L/∂zⱼ = ∂L/∂aⱼ · [zⱼ > 0]。',
      },
      look: {
        en: 'Choose hidden neurons: where z ≤ 0, ∂L/∂z is exactly 0. No gradient flows through a ReLU that is off.',
        zh: '选几个隐藏层神经元：凡是 z ≤ 0 的，∂L/∂z 恰好为 0——关闭的 ReLU 不让梯度通过。',
      },
      target: 'explain-panel',
    },
    {
      text: {
        en: 'A weight\'s gradient is its input times its neuron\'s error: ∂L/∂wⱼᵢ = ∂L/∂zⱼ · xᵢ, and ∂L/∂bⱼ = ∂L/∂zⱼ. The optimizer uses their mean over the mini-batch.',
        zh: '一个权重的梯度等于它的输入乘以所在神经元的误差：∂L/∂wⱼᵢ = ∂L/∂zⱼ · xᵢ，而 ∂L/∂bⱼ = ∂L/∂zⱼ。优化器用的是它们在小批量上的平均值。',
      },
      look: {
        en: 'For a first-layer neuron, ∂L/∂w drawn as a 28×28 image is the input digit scaled by ∂L/∂z: its sign decides which way all those weights move.',
        zh: '对第一层的神经元，把 ∂L/∂w 画成 28×28 的图像，就是输入的数字乘上 ∂L/∂z：它的正负号决定了这些权重一起往哪个方向移动。',
      },
      target: 'explain-panel',
    },
    {
      text: {
        en: 'Is backpropagation right? Compare its gradients with numerical ones from the definition of the derivative, ∂L/∂w ≈ (L(w + ε) − L(w − ε)) / 2ε, for a few weights in every layer.',
        zh: '反向传播算得对吗？用导数的定义算出数值梯度来对比：∂L/∂w ≈ (L(w + ε) − L(w − ε)) / 2ε，每一层抽查几个权重。',
      },
      look: {
        en: 'The relative error between the two gradients of each weight: tiny (far below 1%) in every layer.',
        zh: '每个权重两种梯度之间的相对误差：在每一层都非常小（远小于 1%）。',
      },
      do: 'gradient-check',
      target: 'gradcheck-panel',
    },
  ],
};
