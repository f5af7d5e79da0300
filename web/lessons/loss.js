// Lesson 4: the loss measures the error with one number; cross-entropy L = −log p_y starts at
// ln 10 ≈ 2.30 for ten equally likely digits; mean squared error for comparison.
export default {
  id: 'loss',
  concept: 'loss',
  title: { en: 'The loss: one number for how wrong the network is', zh: '损失函数：用一个数衡量网络错得有多离谱' },
  steps: [
    {
      text: {
        en: 'For an image of digit y, the cross-entropy loss is L = −log p_y, where p = softmax(z) are the network\'s probabilities; training minimises its mean over each mini-batch. Fresh weights give every digit about 1/10, so the first loss should be near −log(1/10) = ln 10 ≈ 2.30. Do it trains one mini-batch.',
        zh: '对一张真实数字为 y 的图片，交叉熵损失是 L = −log p_y，其中 p = softmax(z) 是网络给出的概率；训练就是最小化它在每个小批量上的平均值。刚初始化的网络给每个数字的概率都约为 1/10，所以第一个损失应当接近 −log(1/10) = ln 10 ≈ 2.30。点击“执行”训练一个小批量。',
      },
      look: {
        en: 'The first mini-batch\'s loss among the counters: close to 2.30.',
        zh: '计数器里第一个小批量的损失：接近 2.30。',
      },
      settings: 'preset=mlp&limit=1000&epochs=1',
      do: 'step',
      target: 'counters',
    },
    {
      text: {
        en: 'The mean hides the single images. Do it traces the next mini-batch: every example has its own loss L = −log p_y.',
        zh: '平均值掩盖了单张图片的情况。点击“执行”追踪下一个小批量：每个样本都有自己的损失 L = −log p_y。',
      },
      look: {
        en: 'For one example, the probability p_y of its true digit and its loss: p_y near 1 gives L near 0; a confident wrong answer (p_y near 0) gives a large L.',
        zh: '看一个样本真实数字的概率 p_y 和它的损失：p_y 接近 1 时 L 接近 0；自信地答错（p_y 接近 0）时 L 很大。',
      },
      do: 'explain-step',
      target: 'explain-panel',
    },
    {
      text: {
        en: 'Train one epoch on 1,000 images: gradient descent lowers the mean loss mini-batch after mini-batch.',
        zh: '在 1,000 张图片上训练一轮：梯度下降一个小批量接一个小批量地降低平均损失。',
      },
      look: {
        en: 'The loss curve on the training chart: it starts near 2.3, falls steeply, then more slowly.',
        zh: '训练图表上的损失曲线：从 2.3 左右开始，先陡降，然后逐渐变缓。',
      },
      do: 'train',
      target: 'training-chart',
    },
    {
      text: {
        en: 'Another loss: the mean squared error between p and the one-hot target t, L = (1/10) Σₖ (pₖ − tₖ)². Through softmax its gradient becomes weak when the network is confidently wrong, so it learns more slowly. Train with it.',
        zh: '换一个损失：p 与独热（one-hot）目标 t 之间的均方误差，L = (1/10) Σₖ (pₖ − tₖ)²。经过 softmax 之后，网络越是自信地答错，它的梯度反而越弱，所以学得更慢。用它训练一次。',
      },
      look: {
        en: 'The loss is on another scale (it starts near 0.09, not 2.3), and after the same epoch the accuracy is lower than with cross-entropy.',
        zh: '损失的数值尺度不同了（起点约 0.09，而不是 2.3），而且同样训练一轮后，准确率比用交叉熵时低。',
      },
      settings: 'preset=mlp&loss=mse&limit=1000&epochs=1',
      do: 'train',
      target: 'training-chart',
    },
  ],
};
