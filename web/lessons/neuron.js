// Lesson 1: one neuron is a mapping, z = w·x + b then a = σ(z); the network is that mapping
// applied layer after layer.
export default {
  id: 'neuron',
  concept: 'neuron',
  title: { en: 'One neuron: z = w·x + b, then a = σ(z)', zh: '一个神经元：z = w·x + b，然后 a = σ(z)' },
  steps: [
    {
      text: {
        en: 'Everything is a mapping. A neuron of the first layer takes the 784 pixel values x of an image, multiplies each by its own weight and adds a bias: z = w·x + b = Σᵢ wᵢxᵢ + b. Do it trains one mini-batch of 32 images while the engine records every number.',
        zh: '一切都是映射。第一层的一个神经元接收一张图片的 784 个像素值 x，把每个像素乘以自己的权重，再加上偏置：z = w·x + b = Σᵢ wᵢxᵢ + b。点击“执行”训练一个小批量（32 张图片），引擎会记下其中的每一个数。',
      },
      look: {
        en: 'In the highlighted panel, choose a neuron of the first layer: its 784 weights w drawn as a 28×28 image next to the input x, and the sum z computed from them.',
        zh: '在高亮的面板里选一个第一层的神经元：它的 784 个权重 w 画成一张 28×28 的图像，旁边是输入 x，以及由它们算出的加权和 z。',
      },
      settings: 'preset=mlp&limit=1000&epochs=1',
      do: 'explain-step',
      target: 'explain-panel',
    },
    {
      text: {
        en: 'Then the neuron applies its activation function: a = σ(z). This network uses ReLU, a = max(0, z): a negative z becomes 0, a positive z passes unchanged.',
        zh: '接着，神经元把 z 送进激活函数：a = σ(z)。这个网络用的是 ReLU，a = max(0, z)：z 为负时输出 0，为正时原样通过。',
      },
      look: {
        en: 'Compare z and a for a few neurons: wherever z < 0, a is exactly 0.',
        zh: '对比几个神经元的 z 和 a：凡是 z < 0 的，a 都恰好等于 0。',
      },
      target: 'explain-panel',
    },
    {
      text: {
        en: 'The last layer has 10 neurons, one per digit, and softmax turns their sums into probabilities: pₖ = exp(zₖ) / Σⱼ exp(zⱼ). Do it trains and traces the next mini-batch.',
        zh: '最后一层有 10 个神经元，每个数字一个；softmax 把它们的加权和变成概率：pₖ = exp(zₖ) / Σⱼ exp(zⱼ)。点击“执行”训练并追踪下一个小批量。',
      },
      look: {
        en: 'Choose a neuron of the output layer: an example\'s ten probabilities add up to 1, and the largest one is the network\'s answer.',
        zh: '选一个输出层的神经元：一个样本的十个概率加起来等于 1，其中最大的那个就是网络的答案。',
      },
      do: 'explain-step',
      target: 'explain-panel',
    },
    {
      text: {
        en: 'The whole network is this mapping applied layer after layer: 784 pixels → 256 neurons → 10 probabilities. Do it trains one epoch on 1,000 images; then draw a digit on the pad.',
        zh: '整个网络就是把这样的映射一层接一层地套用：784 个像素 → 256 个神经元 → 10 个概率。点击“执行”在 1,000 张图片上训练一轮（epoch），然后在画板上写一个数字。',
      },
      look: {
        en: 'The probability bars next to the pad: the network\'s ten outputs for your drawing.',
        zh: '画板旁边的概率条：网络对你写的数字给出的十个输出。',
      },
      do: 'train',
      target: 'draw-section',
    },
  ],
};
