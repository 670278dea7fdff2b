// Fictitious grid managers (网格长): common surnames of the county's Han, Yi and Hui families and
// common given names, with masked phone numbers. No real person is meant.
import { pick, type Rng, randomInt } from './prng.ts'

// 李 杨 张 王 … are common everywhere; 字 罗 茶 鲁 左 are frequent Yi surnames in Weishan,
// 马 沙 纳 丁 穆 frequent Hui surnames
const surnames = [
  '李',
  '杨',
  '张',
  '王',
  '赵',
  '陈',
  '刘',
  '周',
  '徐',
  '苏',
  '何',
  '郭',
  '朱',
  '段',
  '字',
  '罗',
  '茶',
  '鲁',
  '左',
  '范',
  '马',
  '沙',
  '纳',
  '丁',
  '穆',
]
const givenNames = [
  '建华',
  '丽萍',
  '志强',
  '海燕',
  '文斌',
  '晓梅',
  '国庆',
  '春兰',
  '永红',
  '家宝',
  '玉芬',
  '学军',
  '秀英',
  '金凤',
  '云龙',
  '光明',
  '明辉',
  '丽华',
  '俊杰',
  '绍林',
  '发荣',
  '成林',
  '正华',
  '桂芬',
  '兴旺',
  '秀兰',
  '德福',
  '世忠',
  '艳',
  '静',
  '敏',
  '磊',
  '军',
  '芳',
]
const mobilePrefixes = [
  '133',
  '135',
  '136',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '177',
  '187',
  '188',
  '199',
]

export function managerName(rng: Rng): string {
  return pick(rng, surnames) + pick(rng, givenNames)
}

/** A mobile number with its middle four digits masked, e.g. `139****5821`. */
export function maskedPhone(rng: Rng): string {
  return `${pick(rng, mobilePrefixes)}****${String(randomInt(rng, 10000)).padStart(4, '0')}`
}
