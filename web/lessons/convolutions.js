// Lesson 9: a convolution is a small shared weight matrix slid over the image; few parameters,
// filters that find strokes wherever they are, and still z = w·x + b for each output.
export default {
  id: 'convolutions',
  concept: 'convolutions',
  title: { en: 'Convolutions: one small weight matrix slid over the image', zh: '卷积：一个小权重矩阵在图像上滑动' },
  steps: [
    {
      text: {
        en: 'A convolution layer slides a small 5×5 weight matrix (a filter) over the image: z[r, c] = Σᵢⱼ w[i, j] · x[r + i, c + j] + b. The same 25 weights and one bias are used at every position, so 8 filters cost only 8 × 25 + 8 = 208 parameters.',
        zh: '卷积层让一个 5×5 的小权重矩阵（卷积核）在图像上滑动：z[r, c] = Σᵢⱼ w[i, j] · x[r + i, c + j] + b。每个位置用的都是同样的 25 个权重和 1 个偏置，所以 8 个卷积核只需要 8 × 25 + 8 = 208 个参数。',
      },
      look: {
        en: 'The model\'s parameter count: 5,994 for the whole CNN, against 203,530 for the MLP.',
        zh: '模型的参数总数：整个卷积网络只有 5,994 个，而 MLP 有 203,530 个。',
      },
      settings: 'preset=cnn-small&limit=1000&epochs=3',
      target: 'model-section',
    },
    {
      text: {
        en: 'Train the CNN for three epochs on 1,000 images. Each filter\'s 25 weights learn from every position of every image: ∂L/∂w[i, j] is the sum over all positions (r, c) of ∂L/∂z[r, c] · x[r + i, c + j].',
        zh: '在 1,000 张图片上把这个卷积网络训练三轮。每个卷积核的 25 个权重从每张图片的每个位置上学习：∂L/∂w[i, j] 等于 ∂L/∂z[r, c] · x[r + i, c + j] 对所有位置 (r, c) 求和。',
      },
      look: {
        en: 'The first layer\'s eight 5×5 filters: after so little training they still look much like their random start, yet the accuracy per digit is already far above chance with under 6,000 parameters. What a filter does shows better in its feature map (next step).',
        zh: '第一层的八个 5×5 卷积核：训练这么少，它们看上去仍和随机初始时差不多；但只用不到 6,000 个参数，每个数字的准确率已经远高于随机猜测。卷积核的作用在它的特征图里看得更清楚（下一步）。',
      },
      do: 'train',
      target: 'weights-section',
    },
    {
      text: {
        en: 'Sliding a filter over an image gives a feature map: its value at each position says how well the patch there matches the filter. Do it puts a test digit on the pad.',
        zh: '让一个卷积核在图像上滑过一遍，就得到一张特征图：每个位置的值表示那里的图像块与卷积核有多匹配。点击“执行”在画板上放一个测试数字。',
      },
      look: {
        en: 'The feature maps under the pad: each filter lights up where its stroke is, wherever in the image that is.',
        zh: '画板下方的特征图：每个卷积核都在自己那种笔画出现的地方亮起来，无论它在图像的哪个位置。',
      },
      do: 'test-digit',
      done: 'feature-maps',
      target: 'draw-section',
    },
    {
      text: {
        en: 'Each output of a convolution is still one neuron, z = w·x + b: its x is a 5×5 patch of the image and its w is the filter, the same at every position. Do it traces one mini-batch.',
        zh: '卷积的每个输出仍然是一个神经元，z = w·x + b：它的 x 是图像上的一个 5×5 小块，w 就是卷积核，在每个位置上都相同。点击“执行”追踪一个小批量。',
      },
      look: {
        en: 'Choose a unit of the first convolution: x is a 5×5 patch of the image, w is the filter, and z, a and ∂L/∂z are computed exactly as for a dense neuron.',
        zh: '选第一个卷积层的一个单元：x 是图像的一个 5×5 小块，w 就是卷积核，z、a 和 ∂L/∂z 的算法与全连接神经元完全一样。',
      },
      do: 'explain-step',
      target: 'explain-panel',
    },
  ],
};
