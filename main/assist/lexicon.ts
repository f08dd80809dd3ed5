// Pure: a curated intent lexicon for contact-centre questions, English and Chinese. Each group is one
// intent concept with the words and phrases people and articles use for it. A text that contains any of
// them gets the group's concept token (`kx` + name); the index adds the concept tokens of an article's
// own words to its `syn` column, and a query adds those of the customer's words, so "money back" meets
// "reimbursement" and 退钱 meets 退款 without either side sharing a word. English phrases match whole
// words, lower-cased, in any inflection listed; Chinese ones match Simplified Mandarin substrings (after
// spoken.ts normalised the text).

interface Group {
  name: string;
  en?: string[];
  zh?: string[];
}

const COUNTRIES =
  'spain france italy germany portugal greece turkey dubai thailand japan china korea canada america usa mexico australia egypt morocco india vietnam bali singapore tenerife florida paris europe asia';

const GROUPS: Group[] = [
  { name: 'refund', en: ['refund', 'refunds', 'refunded', 'reimburse', 'reimbursed', 'reimbursement', 'money back', 'paid back', 'pay me back', 'repay', 'repaid', 'my money', 'the money back', 'out of pocket'], zh: ['退款', '退钱', '钱退', '钱拿回', '拿回钱', '拿回些钱', '退回钱', '退给我', '退还'] },
  { name: 'sendback', en: ['return', 'returns', 'returned', 'returning', 'send back', 'send it back', 'sending it back', 'sent it back', 'sent back', 'post it back', 'posted it back', 'give it back', 'give back', 'take it back', 'bring it back', 'ship it back', "don't want it", "don't want", 'changed my mind', 'not for me', 'no like'], zh: ['退货', '寄回', '退回', '退掉', '能不能退', '可以退', '想退', '要退', '退吗', '不想要', '不要了', '不喜欢', '不合心意', '后悔'] },
  { name: 'damaged', en: ['damaged', 'damage', 'broken', 'smashed', 'cracked', 'crack', 'shattered', 'snapped', 'dented', 'dent', 'scratched', 'scratch', 'split', 'bent', 'crushed', 'in bits', 'in pieces', 'chipped', 'torn', 'ripped', 'gash', 'gashed'], zh: ['损坏', '破损', '碎', '裂', '腿断', '断掉', '摔断', '烂', '凹', '划痕', '摔坏', '坏的', '压坏'] },
  { name: 'missing', en: ['missing', 'not in the box', "wasn't in", "weren't in", 'not in the package', "isn't there", 'not there', "aren't there", "didn't come", 'never came', 'incomplete', 'short of', 'only two', 'only one', 'left out', 'half the set', 'lacking'], zh: ['缺少', '少了', '没有在箱', '漏发', '少发', '不齐', '缺件'] },
  { name: 'faulty', en: ['faulty', 'fault', 'stopped working', "won't turn on", "doesn't work", "not working", "isn't working", 'packed in', 'kaput', 'defect', 'defective', 'gave up', 'broke down', 'died on me', 'malfunction', 'repair', 'fix it', 'fixed', 'warranty', 'guarantee', 'covered', 'went wrong'], zh: ['故障', '开不了', '不转', '不吸', '不工作', '维修', '修', '保修', '坏了', '不能用'] },
  { name: 'late', en: ['late', 'delayed', 'delay', "hasn't come", "hasn't arrived", 'not arrived', 'not come', 'not turned up', 'still waiting', 'waiting ages', 'in transit', 'stuck', 'when will', 'track', 'tracking', 'where is', 'turn up', 'still not here', 'actually coming', "when's it"], zh: ['物流', '快递到哪', '到哪', '什么时候到', '什么时候能送到', '运输中', '没更新', '还没来', '还没到', '未到', '等了', '延迟', '延误', '送货进度', '查询'] },
  { name: 'delivered', en: ['delivered', 'marked delivered', 'says delivered', 'safe place', 'dropped off', 'handed over', 'stolen', 'nicked', 'never received', 'never got', 'doorstep', 'neighbour', 'neighbours'], zh: ['签收', '送达', '显示已', '已经送到', '门口', '被人拿走', '快递柜', '邻居', '门卫', '管理处', '送了'] },
  { name: 'cancel', en: ['cancel', 'cancelled', 'cancellation', 'call off', 'call the whole thing off', 'stop the order', 'stop it', 'by mistake', 'by accident', 'before it ships', 'before it goes out', 'not been sent'], zh: ['取消', '撤掉', '不发了', '不要寄', '下错单', '落错单', 'cut了', '去掉', '不小心买了', '还没发货', '发货前'] },
  { name: 'address', en: ['address', 'postcode', 'moved house', 'new place', 'new address', 'flat number', 'house number', 'to my work', 'send it to', 'redirect'], zh: ['地址', '搬家', '新家', '门牌号', '寄到', '送到我公司', '搬了'] },
  { name: 'reschedule', en: ['reschedule', 'rebook', 'at work', 'come another', 'a different day', 'another day', 'different day', "won't be in", 'not be in', 'not at home', 'be away', 'missed the', 'time slot', 'slot', 'move it to', 'delivery date', 'different time'], zh: ['改期', '改时间', '换个时间', '不在家', '预约送货', '送货日期', '送货时间', '改日子'] },
  { name: 'exchange', en: ['exchange', 'swap', 'change it over', 'different size', 'bigger one', 'smaller one', 'too small', 'too big', 'too tight', 'too loose', "doesn't fit", 'does not fit', 'different colour', 'different color', 'size', 'extra large'], zh: ['换货', '换个', '换尺码', '换颜色', '大一码', '大号', '小号', '小了', '大了', '穿不上', '尺码', '不合身'] },
  { name: 'declined', en: ['declined', 'decline', 'rejected', 'rejects', "won't let me pay", 'transaction failed', 'payment failed', 'failed', "didn't go through", 'unsuccessful', 'card error', "can't pay"], zh: ['支付失败', '付不了', '付款失败', '被拒', '拒绝', '刷不了'] },
  { name: 'twice', en: ['charged twice', 'twice', 'two payments', 'two identical', 'duplicate', 'two times', 'two lots', 'both came out', 'double charged', 'taken twice', 'overcharged'], zh: ['重复', '扣了两次', '两次', '扣了两回', '两回', '两笔', '多扣'] },
  { name: 'invoice', en: ['invoice', 'receipt', 'proof of purchase', 'vat', 'paperwork', 'accountant', 'expenses'], zh: ['发票', '收据', '报销', '报账', '电子票', '开票'] },
  { name: 'promo', en: ['promo', 'promotion', 'discount', 'coupon', 'voucher code', 'code', 'percent off', 'money off', 'offer'], zh: ['优惠码', '优惠券', '折扣', '打折', '代金券'] },
  { name: 'competitor', en: ['price match', 'competitor', 'another shop', 'other store', 'other shop', 'another store', 'elsewhere', 'cheaper at', 'cheaper on', 'argos', 'amazon', 'match it', 'beat that'], zh: ['别家', '其他商家', '另一家', '其他商店', '比价', '别的商店', '别的店'] },
  { name: 'pricedrop', en: ['on sale', 'gone down', 'went down', 'reduced', 'price drop', 'cheaper now', 'price promise', 'lower price'], zh: ['降价', '刚买完', '价格保护', '价格保障', '差价'] },
  { name: 'cheaper', en: ['cheaper', 'less', 'lower', 'the difference'], zh: ['便宜', '差价', '补差'] },
  { name: 'giftcard', en: ['gift card', 'store credit', 'voucher', 'birthday', 'present', 'balance', 'money on it'], zh: ['礼品卡', '购物卡', '余额', '储值'] },
  { name: 'password', en: ['password', 'log in', 'login', 'sign in', 'locked out', 'locked me out', "can't get in", "can't get into", 'forgotten', 'forgot', 'secret word', 'reset link'], zh: ['密码', '登不上', '登录', '进不去', '锁了', '被锁', '忘了', '忘记'] },
  { name: 'closeaccount', en: ['close my account', 'close account', 'delete', 'shut everything', 'taken off your system', 'take my details off', 'get rid of my account', 'stop emailing', 'leave', "don't shop here"], zh: ['注销', '删除账户', '关闭账户'] },
  { name: 'loyalty', en: ['loyalty', 'points', 'reward', 'rewards', 'stamps', 'built up', 'collected'], zh: ['积分', '会员', '攒的分', '分没', '的分'] },
  { name: 'assembly', en: ['assembly', 'assemble', 'instructions', 'put together', 'put it together', 'build', 'leaflet', 'booklet', 'guide', 'manual', 'goes where', 'how to build'], zh: ['安装说明', '说明书', '组装', '拼装'] },
  { name: 'spareparts', en: ['spare part', 'spare parts', 'part', 'wheel', 'castor', 'castors', 'leg', 'bolt', 'bolts', 'screw', 'screws', 'fitting', 'fittings', 'cushion', 'cover', 'replacement part', 'on its own'], zh: ['配件', '零件', '螺丝', '轮子'] },
  { name: 'outage', en: ['outage', 'internet down', 'broadband down', 'no internet', 'gone down', 'no connection', "can't get online", 'completely gone', 'dead', 'red', 'nothing connects', 'not connect', 'got no internet', "internet's off", "internet's been off", 'internet is off', 'internet off', 'internet went off', 'lights on the box'], zh: ['断网', '上不了网', '没网', '没有网络', '红灯', '连不上', '完全', '网断', '网络断', '断了网', '网掉了'] },
  { name: 'slow', en: ['slow', 'buffering', 'crawl', 'crawls', 'sluggish', 'speed', 'speeds', 'takes forever', 'lag', 'laggy', 'megs', 'keeps stopping'], zh: ['网速', '慢', '很卡', '特别卡', '好卡', '卡住', '卡顿', '转圈', '测速', '掉线', '信号', '等半天', '兆'] },
  { name: 'router', en: ['router', 'hub', 'modem', 'factory settings', 'restart', 'reboot', 'off and on', 'pinhole', 'wifi name', 'button'], zh: ['路由器', '光猫', '重启', '恢复出厂'] },
  { name: 'abroad', en: ['roaming', 'abroad', 'overseas', 'travel', 'travelling', 'traveling', 'trip', 'holiday', 'fly to', 'flying', ...COUNTRIES.split(' ')], zh: ['漫游', '出国', '国外', '境外', '出差', '旅游', '旅行', '外国', '日本', '泰国', '欧洲', '韩国', '美国'] },
  { name: 'sim', en: ['sim', 'chip', 'little card', 'no service', 'port', 'bring my number', 'keep my number', 'old number', 'activate', 'activation'], zh: ['手机卡', '激活', '携号转网'] },
  { name: 'directdebit', en: ['direct debit', 'money comes out', 'money goes out', 'payment comes out', 'payment goes out', 'comes out of my account', 'collection date', 'mandate', 'standing order', 'payment date', 'after payday'], zh: ['自动扣款', '自动扣费', '银行代扣', '代扣', '扣款日期', '扣款日'] },
  { name: 'upgrade', en: ['upgrade', 'new phone', 'handset', 'new mobile', 'iphone', 'samsung', 'due a new', 'plan must be', 'contract'], zh: ['换机', '升级', '合约', '新手机'] },
  { name: 'complaint', en: ['complaint', 'complain', 'manager', 'supervisor', 'someone senior', 'above you', 'escalate', 'ombudsman', 'fed up', 'taking this further', 'on record', 'unacceptable', 'ridiculous', 'disgusting', 'fourth time', 'third time',
    // Dissatisfaction said without the word: chasing the same thing again, nobody coming back, wanting answers.
    'had enough', 'nobody gets back', 'nobody got back', 'no one gets back', 'no one got back', 'never got back', 'nobody rang', 'nobody called', 'let down', 'disappointed', 'not good enough', 'been handled', 'rung three times', 'rung four times', 'called three times', 'called four times', 'kept promising', 'empty promises'],
    zh: ['投诉', '经理', '领导', '上级', '主管', '不满', '太差', '消协', '上司', '第四次', '第三次', '失望', '没人管', '没人理', '没有人管', '没有人理', '要一个说法', '给个说法', '给我一个说法', '空话', '没有下文', '没下文', '嬲', '打了三次', '打了四次', '打了几次', '打了好几次', '打了很多次', '都没人', '敷衍'] },
  { name: 'vulnerable', en: ['vulnerable', 'bereavement', 'passed away', 'died', 'hardship', 'lost my job', 'struggling', 'illness', 'ill', 'hospital', 'dementia', 'disabled', 'carer', "can't cope", 'support'], zh: ['去世', '困难', '生病', '住院', '残疾'] },
  { name: 'personaldata', en: ['gdpr', 'personal data', 'data protection', 'subject access', 'records', 'information you', 'information do you keep', 'about me', 'on my name', "you've got about me", 'hold on me', 'keep on me'], zh: ['个人信息', '个人资料', '个人数据', '隐私'] },
  { name: 'collect', en: ['collection', 'collect', 'collected from', 'pick up', 'picked up', 'take away', 'taking away', 'come and take', 'away', 'mattress', 'too big for my car', "won't fit in a box"], zh: ['上门取', '取回', '收回', '上门收'] },
  { name: 'install', en: ['installation', 'install', 'engineer', 'technician', 'set up', 'fit the', 'wire', 'appointment', 'come out'], zh: ['安装', '上门', '工程师', '师傅'] },
  { name: 'directdebit', en: ['direct debit', 'sort code', 'bank account', 'changed banks', 'new bank', 'new account', 'payment date', 'payday', 'get paid', 'take the payment', 'come out on', 'monthly payment', 'take the bill'], zh: ['自动扣款', '代扣', '银行账户', '扣款日期'] },
  { name: 'bill', en: ['bill', 'bills', 'statement', 'charges', 'charge', 'higher than', 'more than usual', 'one-off', "don't understand", "don't get it", 'amount is higher', 'so high', 'a fortune', 'owe you'], zh: ['账单', '话费', '费用', '扣费', '扣了好多', '太高', '这么贵'] },
  { name: 'refundstatus', en: ['still no money', 'not received', "haven't received", 'still waiting for', 'no money', 'nothing in my account', 'my bank has nothing', 'when will i actually get', 'ages ago', 'weeks ago', 'got the box back', 'was collected'], zh: ['没到账', '还没到账', '还没收到钱', '钱还没', '到账', '卡里什么都没有', '钱呢', '多久能到', '早就收到'] },
  // Insurance, energy and travel: everyday contact-centre domains beyond retail and telecoms.
  { name: 'insclaim', en: ['claim', 'claims', 'insurance', 'insurer', 'insured', 'policy', 'excess', 'cover', 'make a claim', 'put a claim in', 'go through the insurance', 'pay out', 'payout', 'compensation'], zh: ['理赔', '索赔', '索偿', '保险', '保单', '走保险', '赔偿', '怎么赔', '点赔', '赔不赔', '自负额', '免赔额', '报案'] },
  { name: 'collision', en: ['accident', 'crash', 'crashed', 'collision', 'bump', 'hit me', 'went into the back', 'into the back of me', 'rear-ended', 'prang', 'scraped', 'other driver', 'write off', 'written off'], zh: ['事故', '撞', '追尾', '刮了', '被人刮', '出险', '碰了', '对方司机'] },
  { name: 'vehicle', en: ['car', 'cars', 'vehicle', 'motor', 'van', 'garage', 'hire car', 'courtesy car', 'repairer', 'registration'], zh: ['车', '车辆', '修车', '代步车', '车牌', '修理厂'] },
  { name: 'waterleak', en: ['leak', 'leaking', 'leaked', 'burst', 'burst pipe', 'pipe', 'pipes', 'flood', 'flooded', 'flooding', 'water damage', 'water coming through', 'pouring through', 'dripping', 'soaked', 'damp', 'ceiling', 'escape of water', 'stopcock'], zh: ['漏水', '渗水', '水管', '爆水管', '爆水喉', '水喉', '水浸', '浸晒', '泡了', '天花', '滴水', '水漫'] },
  { name: 'claimprogress', en: ['progress', 'status', 'update', 'got back to me', 'heard nothing', 'up to', 'assessor', 'adjuster', 'loss adjuster', 'settled', 'settlement', 'get paid', 'approved'], zh: ['进度', '审核', '到哪里了', '到哪了', '定损', '赔款', '到账', '批了', '结案', '有没有消息', '没有消息'] },
  { name: 'meter', en: ['meter', 'meters', 'meter reading', 'reading', 'readings', 'read the meter', 'numbers off', 'day and night', 'economy 7', 'economy seven', 'the box in the hall'], zh: ['抄表', '读数', '度数', '电表', '燃气表', '煤气表', '水表', '个表', '表上', '表的数'] },
  { name: 'estimate', en: ['estimate', 'estimated', 'estimation', 'guessed', 'guess', 'e on the bill', 'through the roof', 'massive', 'way more', 'nearly double', 'more than i used', 'nobody read', 'not been read'], zh: ['估算', '估的', '估计', '估表', '估错', '估', '多了一倍', '贵到离谱', '这么贵'] },
  { name: 'luggage', en: ['bag', 'bags', 'baggage', 'luggage', 'suitcase', 'suitcases', 'case', 'holdall', 'checked bag', 'hold luggage'], zh: ['行李', '箱子', '行李箱', '喼', '托运'] },
  { name: 'allowance', en: ['allowance', 'overweight', 'heavy', 'kilos', 'kilo', 'kg', 'extra bag', 'second bag', 'another bag', 'excess baggage', 'golf clubs', 'bike', 'bikes', 'bicycle', 'bicycles', 'skis', 'sports equipment', 'how much to add'], zh: ['超重', '公斤', '多带', '额外行李', '行李额', '加行李', '运动器材', '自行车', '高尔夫'] },
  { name: 'flight', en: ['flight', 'flights', 'plane', 'flew', 'landed', 'airport', 'carousel', 'airline', 'boarding'], zh: ['飞机', '航班', '机场', '落机', '下飞机', '转盘', '航空公司', '登机'] },
  // Life events and account trouble that reach any telecoms, utility or retail line: a lost or stolen
  // phone, fraud on the number, a payment that came back, moving home, a power cut, a locked account, a
  // death in the family, a complaint taken outside, extra data, access needs, a parcel left next door,
  // money worries. Regional words too (mobile / cell, flat / apartment; Cantonese and Taiwan forms as
  // spoken.ts leaves them in Simplified Mandarin).
  { name: 'handset', en: ['phone', 'phones', 'mobile', 'mobiles', 'cell', 'cellphone', 'cell phone', 'handset', 'smartphone', 'device'], zh: ['手机', '电话机', '机身', '终端'] },
  { name: 'lostphone', en: ['lost my phone', 'lost my mobile', 'lost my cell', 'lost the phone', 'phone was stolen', 'phone got stolen', 'phone has been stolen', 'stolen phone', 'snatched', 'pickpocket', 'pickpocketed', 'nicked', 'vanished', 'gone missing', 'misplaced', 'theft', 'thief', 'police', 'crime reference', "can't find my phone"], zh: ['手机丢', '丢了手机', '手机不见', '被盗', '遗失', '挂失', '报警', '落哪', '丢了', '被偷', '偷了', '偷走', '人偷'] },
  { name: 'numberfraud', en: ['fraud', 'fraudster', 'scam', 'scammer', 'hacked', 'hijacked', 'never asked for', "didn't ask for", "wasn't me", 'sim had been changed', 'sim was changed', 'sim swap', 'swapped my sim', 'number transferred', 'number has been transferred', 'ported out', 'port out', 'one-time code', 'codes'], zh: ['诈骗', '骗子', '冒充', '冒名', '盗用', '没去办', '没办过', '换卡成功', '被人办', '转网', '验证码'] },
  { name: 'paymentreturned', en: ['bounced', 'bounce', 'returned unpaid', 'unpaid', "didn't come out", "didn't go out", "didn't come off", 'missed payment', 'missed a payment', 'reminder', 'late payment', 'late fee', 'insufficient funds', 'not honour', 'try taking it again', 'take it again', 'collection failed'], zh: ['扣款失败', '扣费失败', '没扣到', '扣不了', '没有过到数', '过数', '余额不足', '催缴', '滞纳金', '逾期', '罚钱', '未能过数', '代扣'] },
  { name: 'movinghome', en: ['moving house', 'moving home', 'move house', 'moving out', 'moving in', 'move in', 'new home', 'new house', 'new property', 'old property', 'house move', 'relocation', 'take the broadband with', 'take it with me', 'switch everything over', 'across town'], zh: ['搬屋', '搬迁', '迁居', '迁出', '迁入', '新居', '新址', '新住址', '旧址', '移机', '随迁'] },
  { name: 'powercut', en: ['power cut', 'power outage', 'power went', 'power is off', 'lights went', 'lights just went', 'lights have gone', 'lights are out', 'blackout', 'no electricity', 'no electric', 'the electric', 'without supply', 'without electricity', 'trip switch', 'tripped', 'fuse', 'fuse box', 'consumer unit', 'fridge', 'kettle'], zh: ['停电', '没电', '没有电', '断电', '跳闸', '跳掣', '总掣', '空气开关', '配电箱', '电箱', '供电', '来电', '电力'] },
  { name: 'accountlocked', en: ['locked', 'locked out', 'blocked out', 'suspended', 'too many attempts', 'attempts', 'wrong thing', 'typing in the wrong', 'try again later', "won't let me in", 'half an hour', 'thirty minutes', 'unlock'], zh: ['锁定', '被锁', '锁住', '输错', '错误太多', '太多次', '多次', '解锁', '进不去'] },
  { name: 'bereavement', en: ['passed away', 'passed on', 'died', 'death', 'dead relative', 'deceased', 'late father', 'late mother', 'late husband', 'late wife', 'my late', 'executor', 'probate', 'estate', 'funeral', 'condolences', 'bereavement', 'bereaved'], zh: ['去世', '过身', '身故', '离世', '逝世', '逝者', '死亡证明', '遗产', '遗嘱', '丧事', '慰问'] },
  { name: 'ombudsman', en: ['ombudsman', 'independent', 'outside your company', 'outside the company', 'who else can i go', 'someone else to look', 'third party', 'regulator', 'deadlock', 'final response', 'eight weeks', 'adjudicator'], zh: ['调解', '第三方', '评理', '监管', '工信部', '申诉', '最终答复'] },
  { name: 'dataallowance', en: ['gigs', 'gb', 'mobile data', 'data allowance', 'more data', 'extra data', 'data used', 'all my data', 'used all', 'allowance runs out', 'monthly allowance', 'booster', 'top up', 'buy a bit more', 'mobile internet', 'internet on my phone'], zh: ['流量', '流量包', '加个包', '加包', '用超', '用完', '用晒', '数据用量', '上网额度', '叠加包', '加购', '用量'] },
  { name: 'accessibility', en: ['accessibility', 'eyesight', 'sight', 'blind', 'partially sighted', 'visually impaired', "can't read", 'large print', 'bigger print', 'bigger font', 'font', 'braille', 'deaf', 'hard of hearing', 'sign language', 'relay', 'easy read', 'audio'], zh: ['无障碍', '眼睛不好', '看不清', '大字', '大一点字', '盲文', '视障', '听障', '手语', '视力'] },
  { name: 'neighbour', en: ['neighbour', 'neighbours', 'neighbor', 'neighbors', 'next door', 'nearby address', 'handed to number', 'handed to', 'left with', 'who lives there', 'safe place', 'porch', 'through the door'], zh: ['邻居', '隔壁', '隔篱', '代收', '附近住户', '通知卡'] },
  { name: 'moneytight', en: ["can't afford", 'afford', 'lost my job', 'redundant', 'unemployed', 'out of work', 'money is tight', 'struggling to pay', 'payment plan', 'repayment plan', 'instalments', 'installments', 'spread the cost', 'debt', 'arrears', 'skint', 'hardship'], zh: ['失业', '手头', '交不起', '付不起', '没钱', '分期', '分几次', '还款计划', '欠费', '债务', '困难'] },
];
export const CONCEPT_PREFIX = 'kx';

interface Compiled {
  token: string;
  en?: RegExp;
  /** The first word of every English phrase: the regular expression runs only when one is in the text. */
  firstWords: string[];
  zh: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const COMPILED: Compiled[] = GROUPS.map((group) => ({
  token: CONCEPT_PREFIX + group.name,
  en: group.en?.length ? new RegExp(`(?<![a-z'])(?:${group.en.map(escape).join('|')})(?![a-z])`, 'i') : undefined,
  firstWords: [...new Set((group.en ?? []).map((phrase) => phrase.toLowerCase().split(' ')[0]!))],
  zh: group.zh ?? [],
}));

const CJK = /[\u3400-\u9fff]/u;

/** Every English word the lexicon lists, in any phrase. */
const LISTED_WORDS: ReadonlySet<string> = new Set(GROUPS.flatMap((group) => (group.en ?? []).flatMap((phrase) => phrase.toLowerCase().split(' '))));

/**
 * A word the lexicon does not list, in the form it does list ("complained" → "complain", "fixes" →
 * "fix"), so a customer's past tenses and plurals count. A form listed itself stays as it is: a group
 * that lists "collected" keeps it to itself. Questions only: the articles' concepts stay as curated.
 */
function uninflected(lower: string): string {
  return lower.replace(/[a-z]+/g, (word) => {
    if (word.length < 5 || LISTED_WORDS.has(word)) return word;
    for (const suffix of ['ed', 'es', 's', 'd']) {
      if (!word.endsWith(suffix)) continue;
      const base = word.slice(0, -suffix.length);
      if (LISTED_WORDS.has(base)) return base;
      if (suffix !== 's' && suffix !== 'd' && LISTED_WORDS.has(`${base}e`)) return `${base}e`;
    }
    return word;
  });
}

/** The concept tokens of the lexicon groups the text mentions (text already normalised by spoken.ts). */
export function conceptTokens(text: string): string[] {
  const lower = text.toLowerCase();
  const words = new Set(lower.match(/[a-z0-9]+(?:['-][a-z]+)?/g) ?? []);
  const chinese = CJK.test(lower);
  const out: string[] = [];
  for (const group of COMPILED) {
    const english = group.en !== undefined && group.firstWords.some((word) => words.has(word)) && group.en.test(lower);
    if (english || (chinese && group.zh.some((word) => lower.includes(word)))) out.push(group.token);
  }
  return out;
}

/** The concept tokens of what a customer said (normalised by spoken.ts), regular inflections included. */
export function spokenConceptTokens(text: string): string[] {
  return conceptTokens(uninflected(text.toLowerCase()));
}

export function isConcept(term: string): boolean {
  return term.startsWith(CONCEPT_PREFIX) && /^[a-z]+$/.test(term);
}
