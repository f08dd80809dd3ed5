// Pure: contrast cues for articles that are easy to confuse. Each contrast has two sides (before / after
// a trip, broken / missing, our price / a competitor's …); a side has the cues a customer says and the
// marks an article about that side carries in its title or tags. When the question speaks for one side
// only, articles marked for that side are raised and articles marked for the other side lowered; a cue
// the customer negates ("not missing", "不是断网") does not count. Texts are normalised by spoken.ts
// (lower-cased English, Simplified Mandarin).

interface Side {
  /** What the customer says. */
  says: string[];
  /** What an article about this side has in its title or tags. */
  marks: string[];
}

interface Contrast {
  name: string;
  sides: [Side, Side];
}

const CONTRASTS: Contrast[] = [
  {
    name: 'meter: giving a reading / a bill that was estimated',
    sides: [
      { says: ['give you', 'give a reading', 'submit', 'send you', 'numbers off', 'here for you', 'read the meter', 'which numbers', 'how do i read', 'red one', '报给', '提交', '怎么看', '报返', '回报', '要报'], marks: ['meter reading', '读数', '抄表'] },
      { says: ['bill', 'charged', 'too high', 'through the roof', 'massive', 'more than', 'way more', 'estimate', 'estimated', 'expensive', 'nearly double', '账单', '电费', '贵', '估', '多了一倍'], marks: ['estimated', '估算'] },
    ],
  },
  {
    name: 'bag: not arrived / arrived damaged',
    sides: [
      { says: ['never came', "didn't arrive", "didn't turn up", 'not arrived', 'still waiting', 'missing', 'lost', 'never came out', "didn't come", 'not turned up', '没出来', '没到', '没有到', '冇到', '还没', '没跟着', '丢了', '不见了'], marks: ['delayed', 'lost', '延误', '丢失'] },
      { says: ['broken', 'snapped', 'crack', 'cracked', 'ripped', 'torn', 'wheel', 'handle', 'smashed', 'dented', '坏', '断', '裂', '烂', '破', '辘', '轮子', '拉杆'], marks: ['damaged', '损坏'] },
    ],
  },
  {
    name: 'trip: before / after',
    sides: [
      { says: ['going to', 'next week', 'next month', 'before i go', 'before my', 'before we', 'planning', 'will my', 'fly to', 'flying to', 'we fly', 'on friday', 'what do i need', '下周', '下个月', '下个星期', '出发', '之前', '要去', '去日本', '去欧洲', '去韩国'], marks: ['using a mobile phone abroad', 'before', 'abroad', '出国漫游', '外游', '出国和', '境外上网'] },
      { says: ['got back', 'came back', 'came home', 'come home', 'just back', 'back from', 'after my trip', 'after my holiday', 'after the trip', 'returned from', 'was in', 'i was away', '回来', '回国', '刚从', '回来后', '那几天'], marks: ['after a trip', 'came back', 'roaming charges', '回国后', '漫游费'] },
    ],
  },
  {
    name: 'broken / missing',
    sides: [
      { says: ['broken', 'damaged', 'smashed', 'cracked', 'shattered', 'snapped', 'dented', 'scratched', 'split', 'in bits', 'in pieces', '损坏', '碎', '裂', '断了', '烂', '凹', '划痕', '破损'], marks: ['damaged', 'broken', '损坏'] },
      { says: ['missing', 'not in the box', "wasn't in", "weren't in", "isn't there", 'not there', 'only two', 'only one', 'only the', 'left out', 'half the set', '少了', '缺', '漏发', '不齐'], marks: ['missing', '缺少', '漏发'] },
    ],
  },
  {
    name: 'broken on arrival / stopped working later',
    sides: [
      { says: ['brand new', 'out of the box', 'opened the box', 'unpacked', 'arrived', 'came today', 'turned up', 'when it arrived', 'delivered', 'delivery', '刚拆', '开箱', '送到', '送来', '到货', '收到的', '是新的'], marks: ['on arrival', '到货', '送达时', '送到时'] },
      { says: ['months', 'a year', 'years', 'after a while', 'worked fine', 'stopped working', 'packed in', 'went kaput', 'gave up', 'after a couple', "won't turn on", '用了', '个月', '半年', '一年', '突然'], marks: ['warranty', 'repair', '保修', '维修'] },
    ],
  },
  {
    name: 'price: a competitor / ours',
    sides: [
      { says: ['another shop', 'other store', 'other shop', 'another store', 'competitor', 'elsewhere', 'argos', 'amazon', 'at another', 'the other', '别家', '其他商家', '另一家', '别的', '其他商店'], marks: ['price match', 'competitor', '比价'] },
      { says: ['your own', 'your site', 'your website', 'your sale', 'on sale', 'went down', 'gone down', 'reduced', 'after i ordered', 'after i bought', 'paid full price', 'not another shop', '降价', '刚买完', '你们自己'], marks: ['price dropped', 'price drop', 'our price', '降价'] },
    ],
  },
  {
    name: 'refund: how to return / not arrived yet',
    sides: [
      { says: ["don't want", 'want to return', 'want to send', 'can i return', 'can i send', 'send it back', 'how do i', 'changed my mind', '不想要', '想退', '要退', '不要了', '能不能退', '可以退', '怎么退'], marks: ['returns and refunds', '退货和退款', '退货及退款'] },
      { says: ['sent it back', 'sent the', 'returned it', 'already', 'ago', 'still no', 'still waiting', "haven't received", 'not received', 'was collected', 'got the box back', 'bank has nothing', 'still out of pocket', '寄回去了', '已经寄回', '还没收到', '没到账', '钱呢', '早就', '什么都没有', '仲未'], marks: ['not received', '没到账', '还没到账'] },
    ],
  },
  {
    name: 'broadband: down / slow',
    sides: [
      { says: ['no internet', 'completely', 'at all', 'down', 'dead', 'gone', 'red', 'nothing connects', 'no connection', "can't get online", 'no signal', '完全', '断网', '没网', '上不了网', '没有网络', '红灯', '连不上'], marks: ['outage', '故障', '断线', 'down'] },
      { says: ['slow', 'buffering', 'sluggish', 'crawls', 'speed', 'working but', 'takes forever', 'keeps stopping', '慢', '卡', '转圈', '测速', '等半天', '等很久'], marks: ['slow', '网速慢', '慢'] },
    ],
  },
  {
    name: 'delivery: marked delivered / late',
    sides: [
      { says: ['says delivered', 'marked delivered', 'marked as delivered', 'says it was delivered', 'dropped off', 'handed over', 'safe place', 'delivered', 'doorstep', '签收', '送达', '送了', '已经送到', '门口'], marks: ['marked delivered', 'not received', '签收', '送达'] },
      { says: ['late', "hasn't come", "hasn't arrived", 'still not', 'in transit', 'meant to come', 'when will', "when's it", 'waiting', 'nobody', 'no one', '还没来', '运输中', '没更新', '什么时候', '未到', '还没到'], marks: ['late', 'track', '延迟', '查询物流', '送货进度'] },
    ],
  },
  {
    name: 'payment: declined / charged twice',
    sides: [
      { says: ['declined', "won't let me", 'rejects', 'rejected', 'failed', "didn't go through", 'unsuccessful', 'error', '支付失败', '付不了', '被拒'], marks: ['declined'] },
      { says: ['twice', 'two payments', 'two identical', 'both', 'two times', 'two lots', 'duplicate', 'again and now', '两次', '两笔', '两回', '又付了'], marks: ['twice', '重复'] },
    ],
  },
  {
    name: 'return: exchange / money back',
    sides: [
      { says: ['swap', 'exchange', 'different size', 'bigger one', 'smaller one', 'change it over', 'rather have', 'instead', '换', '大一码', '大号'], marks: ['exchange', '换尺码', '换货'] },
      { says: ['money back', 'refund', 'my money', "don't want a different", '退钱', '退款', '不要换'], marks: ['refund', '退款'] },
    ],
  },
  // Account and home life: pairs where the new help topics sit next to older ones.
  {
    name: 'SIM: a new card to set up / changed without asking',
    sides: [
      { says: ['came in the post', 'new chip', 'new sim', 'little card', 'just got', 'put the', 'set it up', 'activate', 'my new phone', '新卡', '激活', '刚收到'], marks: ['activate', '激活'] },
      { says: ['never asked', "didn't ask", "wasn't me", 'fraud', 'scam', 'hacked', 'my bank', 'codes', 'suddenly', 'without asking', '没去办', '没办过', '诈骗', '冒充', '冒名', '突然', '验证码', '银行'], marks: ['fraud', '诈骗', '冒名'] },
    ],
  },
  {
    name: 'sign-in: password forgotten / locked after tries',
    sides: [
      { says: ['forgot', 'forgotten', "can't remember", 'reset', 'new password', 'reset link', '忘记', '忘了', '想不起', '重置', '重设'], marks: ['account password', '账户密码'] },
      { says: ['locked', 'blocked', 'attempts', 'try again later', 'half an hour', 'wrong thing', 'kept typing', 'i know what it is', '输错', '被锁', '锁住', '锁定', '多次', '太多次'], marks: ['attempts', '多次'] },
    ],
  },
  {
    name: 'address: for a delivery / moving home',
    sides: [
      { says: ['order', 'parcel', 'delivery', 'deliver', 'courier', 'package', 'send it to', '订单', '快递', '收货', '寄到', '包裹'], marks: ['delivery address', '收货地址'] },
      { says: ['moving house', 'moving home', 'moving out', 'new home', 'new house', 'broadband', 'electric', 'services', 'everything over', '宽带', '服务', '搬屋', '迁'], marks: ['moving house', '迁居', '迁移', '新住址'] },
    ],
  },
  {
    name: 'no supply: electricity / internet',
    sides: [
      { says: ['electric', 'electricity', 'lights went', 'lights are off', 'all the lights', 'no lights', 'fridge', 'kettle', 'fuse', 'tripped', '停电', '没电', '没有电', '电灯', '跳闸', '跳掣'], marks: ['no electricity', '供电', '电力供应', '没有电'] },
      // Only cues of no connection at all: a slow line is not an outage.
      { says: ['no internet', 'internet is down', 'internet down', 'broadband is down', 'broadband down', 'wifi is down', '断网', '没网', '上不了网', '连不上'], marks: ['broadband outage', '宽带故障'] },
    ],
  },
  {
    name: 'complaint: to a manager here / outside the company',
    sides: [
      { says: ['manager', 'supervisor', 'someone senior', 'escalate', 'above you', 'your boss', '经理', '主管', '上级', '领导', '上司'], marks: ['supervisor', '主管'] },
      { says: ['outside', 'independent', 'who else', 'someone else', 'two months', 'eight weeks', 'ombudsman', 'regulator', 'third party', 'final response', '第三方', '评理', '两个多月', '申诉', '监管', '调解'], marks: ['independent', 'unresolved', '调解'] },
    ],
  },
  {
    name: 'slow: home broadband / mobile data used up',
    sides: [
      // Only cues that rule out a phone: "broadband" alone also comes with an outage, which this must not raise.
      { says: ['home broadband', 'broadband at home', 'the router', '家里宽带', '家里的宽带'], marks: ['slow broadband', '网速慢'] },
      { says: ['gigs', 'data', 'allowance', 'used all', 'on my phone', 'buy a bit more', 'top up', '流量', '用完', '加个包', '加钱', '数据', '用超'], marks: ['extra data', '流量包', '加购'] },
    ],
  },
];

// "not the internet", "don't need a new password": up to two words between the negation and the cue.
const NEGATION_EN = /(?:\bnot|n't|\bno|\bnever)\s+(?:\w+\s+){0,2}$/;
const NEGATION_ZH = /(?:不是|不要|并不|而不是)$/u;

/** Whether the text says the cue (at least once not negated). */
function says(text: string, cue: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(cue, from);
    if (at < 0) return false;
    const before = text.slice(Math.max(0, at - 20), at);
    const latin = /^[a-z]/.test(cue);
    const wordStart = !latin || at === 0 || !/[a-z]/.test(text[at - 1]!);
    const wordEnd = !latin || !/[a-z]/.test(text[at + cue.length] ?? '');
    const negated = latin ? NEGATION_EN.test(before) : NEGATION_ZH.test(before);
    if (wordStart && wordEnd && !negated) return true;
    from = at + 1;
  }
}

export interface ContrastOptions {
  /** Multiplier for an article on the side the customer speaks for. */
  boost?: number;
  /** Multiplier for an article on the other side. */
  penalty?: number;
}

/**
 * A score multiplier per article: > 1 for the side the question speaks for, < 1 for the other side,
 * 1 when the question speaks for neither or both. `marksText`: the article's title and tags, normalised.
 */
export function contrastFactor(query: string, marksText: string, options: ContrastOptions = {}): number {
  const boost = options.boost ?? 1.4;
  const penalty = options.penalty ?? 0.6;
  const q = query.toLowerCase();
  const a = marksText.toLowerCase();
  let factor = 1;
  for (const contrast of CONTRASTS) {
    const spoken = contrast.sides.map((side) => side.says.some((cue) => says(q, cue)));
    if (spoken[0] === spoken[1]) continue;
    const chosen = spoken[0] ? 0 : 1;
    const marked = contrast.sides.map((side) => side.marks.some((mark) => a.includes(mark)));
    if (marked[0] === marked[1]) continue;
    factor *= marked[chosen] ? boost : penalty;
  }
  // Two cues for the same article are one piece of evidence, not two: raised once at most.
  return Math.min(factor, boost);
}
