// Lesson 8: overfitting is training accuracy running away from validation accuracy; L2 weight
// decay and dropout are two remedies. A small model (dense:64) on 1,000 images trains many
// epochs in seconds. λ = 0.01: at 0.001 (the run comparison's plan) the gap does not change
// visibly in 15 epochs of Adam.
const SMALL = 'preset=mlp&model=dense:64:relu,dense:10:softmax&limit=1000&epochs=15';

export default {
  id: 'overfitting',
  concept: 'overfitting',
  title: { en: 'Overfitting: when training accuracy runs away', zh: '过拟合：训练准确率“一骑绝尘”的时候' },
  steps: [
    {
      text: {
        en: 'The network learns from the training images, but what matters is how it does on images it has never seen: the validation set. With only 1,000 training images and 15 epochs, a network with 50,890 parameters can learn them by heart. Train it.',
        zh: '网络从训练图片中学习，但真正重要的是它在没见过的图片上表现如何，也就是验证集。只有 1,000 张训练图片、训练 15 轮，一个有 50,890 个参数的网络完全可以把它们“背”下来。训练它。',
      },
      look: {
        en: 'The training accuracy climbs to nearly 100%, while the validation accuracy stops about ten points lower: that gap is overfitting.',
        zh: '训练准确率升到将近 100%，而验证准确率在低它大约十个百分点的地方就不再上升：这个差距就是过拟合。',
      },
      settings: `${SMALL}&l2=0`,
      do: 'train',
      target: 'training-chart',
    },
    {
      text: {
        en: 'L2 regularisation adds λ/2 · ‖w‖² to the loss, so every step also pulls each weight towards 0: its gradient gains λw. Large weights that fit single images cost more. Train again with λ = 0.01.',
        zh: 'L2 正则化在损失上加一项 λ/2 · ‖w‖²，于是每一步还会把每个权重往 0 拉一点：它的梯度多了 λw。只为拟合个别图片而变大的权重，代价更高了。用 λ = 0.01 再训练一次。',
      },
      look: {
        en: 'In the run comparison, next to the run without L2: the training accuracy now stops a few points short of 100%, the validation accuracy stays about where it was, so the gap shrinks.',
        zh: '在运行对比中与没有 L2 的那次比较：训练准确率停在离 100% 还差几个百分点的地方，验证准确率基本不变，所以差距缩小了。',
      },
      settings: `${SMALL}&l2=0.01`,
      do: 'train',
      target: 'compare-panel',
    },
    {
      text: {
        en: 'Dropout switches off a random half of the hidden units at every training step and doubles the rest: y = x ⊙ m / (1 − r), r = 0.5. No unit can rely on another, so memorising single images gets hard; at test time every unit works. Train with dropout.',
        zh: 'Dropout 在每个训练步随机关掉一半隐藏单元，并把其余的放大一倍：y = x ⊙ m / (1 − r)，r = 0.5。任何单元都无法依赖别的单元，死记单张图片就变难了；测试时所有单元都参与工作。加上 dropout 训练一次。',
      },
      look: {
        en: 'The training accuracy rises more slowly and ends close to the validation accuracy: the gap almost closes. Validation itself hardly moves: with only 1,000 images, more data is what would help most.',
        zh: '训练准确率上升得更慢，最后与验证准确率相差无几：差距几乎消失了。验证准确率本身变化不大：只有 1,000 张图片时，最有用的其实是更多的数据。',
      },
      settings: 'preset=mlp&model=dense:64:relu,dropout:0.5,dense:10:softmax&limit=1000&epochs=15&l2=0',
      do: 'train',
      target: 'compare-panel',
    },
  ],
};
