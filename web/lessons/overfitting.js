// Lesson 8: overfitting is training accuracy running away from validation accuracy; L2 weight
// decay and dropout are two remedies. A small model (dense:64) on 1,000 images trains many
// epochs in seconds. The remedies' values are the run comparison's "regularization" plan's.
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
        en: 'The training accuracy climbs to nearly 100%, while the validation accuracy stops rising well below it: that gap is overfitting.',
        zh: '训练准确率升到将近 100%，而验证准确率远低于它就停止上升：这个差距就是过拟合。',
      },
      settings: `${SMALL}&l2=0`,
      do: 'train',
      target: 'training-chart',
    },
    {
      text: {
        en: 'L2 regularisation adds λ/2 · ‖w‖² to the loss, so every step also pulls each weight towards 0: its gradient gains λw. Large weights that fit single images cost more. Train again with λ = 0.001.',
        zh: 'L2 正则化在损失上加一项 λ/2 · ‖w‖²，于是每一步还会把每个权重往 0 拉一点：它的梯度多了 λw。只为拟合个别图片而变大的权重，代价更高了。用 λ = 0.001 再训练一次。',
      },
      look: {
        en: 'In the run comparison: the gap between training and validation accuracy next to the run without L2.',
        zh: '在运行对比中：把这次训练准确率与验证准确率之间的差距，和没有 L2 的那次放在一起比较。',
      },
      settings: `${SMALL}&l2=0.001`,
      do: 'train',
      target: 'compare-panel',
    },
    {
      text: {
        en: 'Dropout switches off a random half of the hidden units at every training step and doubles the rest: y = x ⊙ m / (1 − r), r = 0.5. No unit can rely on another, so memorising single images gets hard; at test time every unit works. Train with dropout.',
        zh: 'Dropout 在每个训练步随机关掉一半隐藏单元，并把其余的放大一倍：y = x ⊙ m / (1 − r)，r = 0.5。任何单元都无法依赖别的单元，死记单张图片就变难了；测试时所有单元都参与工作。加上 dropout 训练一次。',
      },
      look: {
        en: 'The training accuracy rises more slowly, and the validation accuracy holds up: compare the three runs\' final figures.',
        zh: '训练准确率上升得更慢，而验证准确率保持得更好：比较三次运行最后的数字。',
      },
      settings: 'preset=mlp&model=dense:64:relu,dropout:0.5,dense:10:softmax&limit=1000&epochs=15&l2=0',
      do: 'train',
      target: 'compare-panel',
    },
  ],
};
