// Lesson 2: a layer is a weight matrix, z = Wx + b; each row of the first layer's W is an image.
export default {
  id: 'weight-matrix',
  concept: 'weight-matrix',
  title: { en: 'A layer is a weight matrix: z = Wx + b', zh: '一层就是一个权重矩阵：z = Wx + b' },
  steps: [
    {
      text: {
        en: 'A dense layer of 256 neurons stacks their weight vectors as the rows of one matrix W of 256×784, so z = Wx + b computes all 256 sums in one matrix product. That layer alone has 256 × 784 + 256 = 200,960 parameters.',
        zh: '一个有 256 个神经元的全连接层，把它们的权重向量当作行，叠成一个 256×784 的矩阵 W，于是 z = Wx + b 一次矩阵乘法就算出全部 256 个加权和。仅这一层就有 256 × 784 + 256 = 200,960 个参数。',
      },
      look: {
        en: 'The parameter count of the model: 200,960 for the hidden layer plus 10 × 256 + 10 = 2,570 for the output layer, 203,530 in all.',
        zh: '模型的参数总数：隐藏层 200,960 个，加上输出层 10 × 256 + 10 = 2,570 个，一共 203,530 个。',
      },
      settings: 'preset=mlp&limit=1000&epochs=1',
      target: 'model-section',
    },
    {
      text: {
        en: 'Each row of W holds one weight per pixel, so it can be drawn as a 28×28 image. Before training, the Glorot initialiser fills W with small random numbers: wᵢⱼ ~ U(−r, r), r = √(6 / (784 + 256)) ≈ 0.076.',
        zh: 'W 的每一行对每个像素都有一个权重，因此可以画成一张 28×28 的图像。训练之前，Glorot 初始化用很小的随机数填满 W：wᵢⱼ ~ U(−r, r)，r = √(6 / (784 + 256)) ≈ 0.076。',
      },
      look: {
        en: 'The first-layer weight images: noise, with no shape yet.',
        zh: '第一层的权重图像：一片噪声，还看不出任何形状。',
      },
      target: 'weights-section',
    },
    {
      text: {
        en: 'Train one epoch on 1,000 images. Gradient descent nudges every entry of the matrix at once: W ← W − η ∂L/∂W, where ∂L/∂W = ∂L/∂z · xᵀ is itself a 256×784 matrix (averaged over the mini-batch).',
        zh: '在 1,000 张图片上训练一轮。梯度下降同时微调矩阵的每一个元素：W ← W − η ∂L/∂W，其中 ∂L/∂W = ∂L/∂z · xᵀ 本身也是一个 256×784 的矩阵（在小批量上取平均）。',
      },
      look: {
        en: 'The weight images hardly change from the noise: 256 neurons share the work, and each moves only a little from its random start. Yet the network now recognises most digits (the accuracy in the epoch log).',
        zh: '权重图像和训练前的噪声相比几乎没变：256 个神经元分担了任务，每个都只从随机起点挪动了一点点。但网络已经能认出大多数数字了（看每轮日志里的准确率）。',
      },
      do: 'train',
      target: 'weights-section',
    },
    {
      text: {
        en: 'With no hidden layer, W is 10×784: one row per digit, and z = Wx + b are the ten scores that softmax turns into probabilities. Train this one-matrix network.',
        zh: '如果没有隐藏层，W 就是 10×784：每个数字一行，z = Wx + b 直接就是十个得分，再由 softmax 变成概率。训练这个只有一个矩阵的网络。',
      },
      look: {
        en: 'Ten weight images, each a blurred template of its digit; a single matrix already recognises most digits (the accuracy in the epoch log).',
        zh: '十张权重图像，每张都是对应数字的模糊模板；仅凭一个矩阵就已经能认出大多数数字（看每轮日志里的准确率）。',
      },
      settings: 'preset=softmax&limit=1000&epochs=1',
      do: 'train',
      target: 'weights-section',
    },
  ],
};
