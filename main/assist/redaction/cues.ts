// Pure: the words that say what a number (or the words after them) is, in English, Simplified and
// Traditional Chinese and Cantonese. A sensitive cue makes the nearby number (or the value after
// "is"/"是"/"係") sensitive; a keep cue marks a look-alike (order number, phone, price, delivery date,
// a card's last four digits) that must survive.
import { isOneOf } from '../../../common/oneOf';

export type SensitiveKind = 'card' | 'expiry' | 'cvv' | 'dob' | 'password' | 'password_chars' | 'otp' | 'pin' | 'security_answer' | 'national_id' | 'bank_account' | 'email';
export type KeepKind = 'order' | 'phone' | 'price' | 'last_four' | 'other_date' | 'quantity' | 'age';
export type CueKind = SensitiveKind | KeepKind;

export interface Cue {
  start: number;
  end: number;
  kind: CueKind;
}

const ORD = '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|last|final|\\d+(?:st|nd|rd|th))';
const ZH_NUM = '[一二三四五六七八九十两兩\\d]';

const SENSITIVE: Array<[SensitiveKind, RegExp]> = [
  ['password_chars', new RegExp(`\\b(?:the )?${ORD}(?:(?:,| and|,? then| &)? (?:the )?${ORD})* (?:characters?|letters?|digits?|symbols?)(?: (?:of|from|in) (?:your|my|the) (?:password|passcode|memorable word|pin))?\\b|\\bcharacters? (?:of|from|in) (?:your|my|the) (?:password|passcode|memorable word)\\b`, 'gi')],
  ['password_chars', /\b(?:characters?|letters?|digits?) (?:number )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)(?:(?:,| and|,? then| &) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten))*\b/gi],
  ['password_chars', new RegExp(`第${ZH_NUM}+(?:(?:和|同|及|、|,|，|與|与)第?${ZH_NUM}+)*\\s*(?:个|個)?(?:字符|字元|字母|字|位)`, 'g')],
  ['security_answer', /\b(?:(?:my |your |her |his )?mother'?s maiden name|maiden name|(?:name of (?:your|my) )?first (?:pet|school|car|teacher)(?:'s name)?|pet'?s name|memorable (?:word|name|place|date|information|answer)|security (?:question|answer)|secret (?:question|answer)|favou?rite (?:teacher|colou?r|film|movie|book|food)|(?:town|city|place) (?:you were|i was) born(?: in)?|street (?:you|i) grew up on)\b/gi],
  ['security_answer', /(?:母亲|母親|妈妈|媽媽|阿媽|老母)(?:的|嘅|個|个)?(?:娘家)?(?:姓|姓氏|名字|名)|第一(?:只|隻)(?:宠物|寵物|狗|猫|貓|狗仔|貓仔)(?:的|嘅)?(?:名字|名|叫)?|(?:宠物|寵物)(?:的|嘅)?名|安全问题|安全問題|密保问题|密保問題|(?:小学|小學)(?:的|嘅)?名|答案/g],
  ['otp', /\b(?:one[- ]time (?:pass)?(?:code|password|pin|passcode)|otp|o t p|verification (?:code|number)|verify code|authenti[cs]ation code|(?:sms|text) code|code (?:we|i|you) (?:just )?(?:sent|texted|received|got)|(?:six|6|four|4|five|5|eight|8)[- ]digit code|passcode (?:we|i) (?:just )?sent|(?<!(?:post|promo|discount|voucher|zip|area|sort|security|country|dialling|dialing|bar|qr|error|product|tax|gift|coupon|reference|booking|confirmation) ?)code)\b/gi],
  // "the number they just texted me", "the digits you sent to my phone": a code that came by message.
  ['otp', /\b(?:numbers?|digits|code) (?:that )?(?:they|you|you guys|the bank|the app|it) (?:just )?(?:texted|sent|messaged)(?: (?:me|to me|to my (?:phone|mobile)|through))?\b/gi],
  // A parcel locker's pickup code opens the locker for whoever says it: a one-time code.
  ['otp', /取件码|取件碼|取货码|取貨碼|提货码|提貨碼|开柜码|開櫃碼/g],
  ['otp', /(?:短信|簡訊|短訊|简讯)[^，。,.\d]{0,5}?(?:数字|數字|号码|號碼|码|碼)|(?<![号號编編密条條维維代源件惠扣请請])(?:码|碼)(?=\s*(?:是|係|系|:|：))|验证码|驗證碼|动态码|動態碼|短信码|短訊碼|短訊嘅碼|一次性(?:密码|密碼|验证码|驗證碼|码|碼)|认证码|認證碼|校验码|校驗碼/g],
  ['cvv', /\b(?:cvv2?|cvc2?|cv2|csc|c v v|c v c|security (?:code|number|digits)|(?:the )?(?:three|3|last three|four|4) (?:digits|numbers)(?: on| at| from)? (?:the )?back(?: of (?:the|your|my) card)?|back of (?:the|your|my) card|(?:digits|numbers|code) (?:on|at|from) the back|three[- ]digit (?:code|number)s?|(?:the )?(?:last )?three (?:digits|numbers)(?= (?:are|is|was)\b)|signature strip)\b/gi],
  ['cvv', /安全码|安全碼|(?:卡)?背(?:面|後|后)(?:的|嘅|嗰|那)?(?:三|3)?(?:位|個|个)?(?:数字|數字|号码|號碼|数|數|碼|码)?|CVV/g],
  // "卡後面嗰三個字", "后面的三位数": the three at the back, said without 背.
  ['cvv', /(?:卡)?(?:后|後)(?:面|便|边|邊)(?:的|嘅|嗰|那)?(?:三|3)(?:位|個|个)(?:数字|數字|号码|號碼|数|數|碼|码|字)/g],
  ['expiry', /\b(?:expir(?:y|e|es|ed|ing|ation)(?: date| month| year| month and year)?|exp(?:\.|iry)? date|exp\.?(?= )|valid (?:until|till|til|thru|through|to)|end date|good (?:thru|through|until|till)|(?:card(?:'s)? (?:\w+ ){0,2})?runs? out|runs? (?:to|till|until|thru|through)(?: the end of)?(?= (?:oh|nought|zero|0\d)\b))\b/gi],
  ['expiry', /有效期(?:至|到)?|有效(?:月年|年月|日期|期限)|到期日?|過期日|屆滿|届满|有效日期|失效日期/g],
  ['dob', /\b(?:date of birth|birth ?date|d\.? ?o\.? ?b\.?|birthday|born|bday|birth)\b|(?<=(?:\d|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|one|two|three|four|five|six|seven|eight|nine|oh|eighty|ninety|seventy|sixty|fifty|forty)) )baby\b/gi],
  ['dob', /出生(?:日期|年月日?)?|生日|出世|生於|生于|(?<=[日号號])\s*生(?:的|㗎|嘅|架|咗)?|(?<=年)次(?=的|生|出生|嘅|㗎|$|[，。,\s])|(?<=年)\s*生(?=的|嘅|㗎)|(?<=我(?:是|係|系)?\s*[0-9零〇一二两兩三四五六七八九十]{2,4}\s*年(?:[0-9零〇一二两兩三四五六七八九十]{1,3}\s*月(?:[0-9零〇一二两兩三四五六七八九十]{1,3}\s*[日号號])?)?\s*)(?:的|嘅|㗎)(?=$|[，。,.!！?？\s]|啦|呀|啊|喎)/g],
  ['password', /\b(?:password|passcode|pass code|passphrase|pass phrase|pass word|passwd|pwd|pw|secret word|login code|memorable word)\b/gi],
  ['password', /密码|密碼|口令|登录密码|登入密碼/g],
  ['pin', /\b(?:pin(?: number| code)?|personal identification number)\b/gi],
  ['pin', /PIN码|PIN碼|取款密码|提款密碼|个人密码|個人密碼/g],
  ['national_id', /\b(?:social security(?: number)?|social(?= (?:is|was|number)\b|'s| are\b)|ssn|s s n|national insurance(?: number)?|ni number|n i number|nino|national id(?: number)?|id number|identity (?:card|number)|id card(?: number)?|passport(?: number)?|driv(?:ing|er'?s) licen[cs]e(?: number)?|licen[cs]e (?:number|no)|tax (?:id|number)|hkid|nric)\b/gi],
  // Other countries' personal numbers (Canada, Singapore, Australia, New Zealand, UK health).
  ['national_id', /\b(?:social insurance(?: number)?|sin(?= (?:is|was|number)\b)|s i n number|(?:n ?r ?)?i ?c number|fin number|tax file number|tfn|ird number|medicare(?: card)?(?: number)?|nhs number)\b/gi],
  // Mainland social-security and medical cards, Taiwan's health card, residence permits and travel permits carry the holder's ID.
  ['national_id', /社保卡|社会保障卡|社會保障卡|医保卡|醫保卡|健保卡|居留证|居留證|通行证|通行證|台胞证|台胞證/g],
  // Driving licences and tax numbers in Chinese carry the holder's ID too.
  ['national_id', /身份证|身份證|身分證|证件号|證件號|护照|護照|社保号|社保號|回乡证|回鄉證|驾驶证号?|駕駛證號?|驾照|駕照|驾驶执照|駕駛執照|稅號|税号/g],
  // India's Aadhaar and PAN: a person's number ("pan" in lower case alone is a word).
  ['national_id', /\b(?:[Aa](?:adhaa?r|ADHAA?R)(?: card)?(?: number)?|PAN(?: card)?(?: number)?|[Pp]an (?:card|number)(?: number)?|permanent account number)\b/g],
  ['bank_account', /\b(?:(?:bank )?account (?:number|no)|acct(?: no)?|sort code|routing number|iban|bank account|bsb|swift|bic)\b/gi],
  ['bank_account', /银行账号|銀行賬號|銀行帳號|账号|賬號|帳號|户口号码|戶口號碼|銀行戶口|银行账户|户口|戶口/g],
  ['card', /\b(?:(?:card|long) numbers?|(?:credit|debit|visa|master ?card|amex|american express|payment|bank) cards?|card details|(?:the )?numbers? (?:on|across) the (?:front of (?:the|your|my) )?card|card|visa|master ?card|maestro|amex|american express)\b/gi],
  // An e-mail address (typed ones need no cue: redactor.ts); only words after it, never a number near it.
  ['email', /\b(?:e-?mail(?: address)?|email id)\b/gi],
  ['email', /邮箱|郵箱|电邮|電郵|电子邮件|電子郵件|邮件地址|郵件地址/g],
  ['card', /卡号|卡號|信用卡|银行卡|銀行卡|借记卡|借記卡|扣账卡|扣賬卡|卡(?:的|嘅|上面?的?)(?:号码|號碼|数字|數字)|(?:张|張)卡/g],
];

const KEEP: Array<[KeepKind, RegExp]> = [
  // An age ("I'm forty two", "my husband is sixty", "四十二岁"): not a date of birth's year.
  ['age', /\b(?:i'm|im|i am|(?:he|she)(?:'s| is)|(?:my |our |his |her )(?:husband|wife|partner|son|daughter|mum|mom|mother|dad|father|boy|girl|kid|child|brother|sister|grandson|granddaughter|nan|gran|grandma|grandpa)(?:'s| is))(?= (?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?: (?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|\w+teen|one|two|three|four|five|six|seven|eight|nine|a hundred)(?: years? old)?(?! (?:hundred|thousand|oh|o|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b))|\b(?:years? old|aged)\b/gi],
  ['age', /今年|年纪|年紀|[岁歲](?!数|數)/g],
  ['last_four', /\b(?:last (?:four|4)(?: digits| numbers)?|ending(?: in| with)?|ends (?:in|with)|finishing (?:in|with)|last digits)\b/gi],
  ['last_four', /尾号|尾號|(?:最)?(?:后|後)(?:四|4)(?:位|個|个)|尾数|尾數|(?:结|結)尾(?:係|是)?/g],
  ['order', /\b(?:order(?: number| no| ref(?:erence)?)?|reference(?: number)?|ref|ticket(?: number)?|case(?: number)?|invoice(?: number)?|tracking(?: number)?|parcel|booking(?: number)?|confirmation number|receipt(?: number)?|model(?: number)?|serial(?: number)?|item(?: number)?|sku|product code|membership number|loyalty number|customer number|flight|room|flat|apartment|house number|bus|platform|gate|version)\b/gi],
  ['order', /\b(?:policy(?: number)?|claim(?: number| reference)?|contract number|warranty(?: number)?|job number|work order|registration(?: number)?|(?:car |vehicle )?reg(?: number| plate)?|(?:licen[cs]e|number) plate|ip(?: address)?|mac address|imei)\b/gi],
  ['order', /工单|工單|车牌|車牌|保单|保單|统编|統編/g],
  ['order', /订单|訂單|单号|單號|编号|編號|参考|參考|快递|快遞|物流|运单|運單|型号|型號|房|会员|會員|航班/g],
  ['phone', /\b(?:phone|mobile|telephone|landline|cell|number to call|call (?:me|you|us)(?: back)?(?: on| at)?|reach me|text me|extension|ext|contact number|whatsapp)\b/gi],
  ['phone', /电话|電話|手机|手機|联系|聯絡|聯繫|打(?:返|番)?(?:俾|给|給)|call返|打(?:去|嚟|过来|過來)|搵我|找我|打(?=\s*[0-9零〇幺二三四五六七八九])/g],
  ['price', /[£$€¥]|\b(?:pounds?|quid|dollars?|euros?|pence|cents?|bucks|rmb|yuan|hkd|gbp|usd|eur|cny|costs?|cost me|paid|pay|charged|price|refund(?: of)?|total|spent|worth|fee|discount|percent|per cent)\b|%/gi],
  ['price', /元|块|塊|蚊|港币|港幣|人民币|人民幣|英镑|英鎊|美元|镑|鎊|毫|价|價|钱|錢|收费|收費|退款|折/g],
  ['other_date', /\b(?:deliver(?:y|ed)?|arriv(?:e|ed|al|ing)|dispatch(?:ed)?|shipped|ordered(?: it)?(?: on)?|bought(?: it)?(?: on)?|appointment|booked|collect(?:ion|ed)?|return(?:ed)? (?:it )?(?:by|on)|due|came|expected|since|yesterday|today|tomorrow|last week|next week|o'clock|minutes?|hours?|days?|weeks?|(?<!\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth) )months?|years? ago)\b/gi],
  ['other_date', /送货|送貨|到货|到貨|寄出|发货|發貨|预约|預約|收到|签收|簽收|下单|下單|落單|买|買|送到|點鐘|点钟|点|點|分钟|分鐘|天|日前|星期|禮拜|礼拜/g],
  ['quantity', /\b(?:items?|pieces?|boxes|chairs?|times|people|kids|children|pairs?|units?|bottles?|packs?|kg|kilos?|grams?|metres?|meters?|inches|cm|mm|size)\b/gi],
  // 个 before one digit and nothing after it is a repeat (六个八 = 888888, spokenNumbers.ts), not a count.
  ['quantity', /(?:个|個)(?![零〇洞一幺二两兩三四五六七八九](?![零〇洞一幺二两兩三四五六七八九十百千万萬块塊元蚊毛角分个個]))|件|只|隻|张|張|箱|(?<!年)次|位客|(?<![不唔])[对對]|包|公斤|米/g],
];

export const SENSITIVE_KINDS: readonly SensitiveKind[] = ['card', 'expiry', 'cvv', 'dob', 'password', 'password_chars', 'otp', 'pin', 'security_answer', 'national_id', 'bank_account', 'email'];

export function isSensitive(kind: CueKind): kind is SensitiveKind {
  return isOneOf(SENSITIVE_KINDS, kind);
}

/**
 * Recognisers write "code's" as "codes" ("the security codes ate to won", "emails jsmith at …"): the "s"
 * is "is", so cue words are read without it. Same length, so offsets do not move.
 */
const CONTRACTED_IS = /\b(code|e-?mail|password|passcode|pin|birthday|answer|ssn|nric|expiry|cvv|dob)s\b/gi;
/** Cues written as one word with the words around them ("mycardnumbers", "dateofbirth"): one pass, a group per kind. */
const GLUED_KINDS: SensitiveKind[] = ['card', 'dob', 'cvv', 'expiry', 'otp', 'password', 'pin', 'national_id', 'bank_account', 'security_answer', 'email'];
const GLUED = new RegExp(
  [
    'cardnumbers?|longnumber',
    'dateofbirth|birthdate',
    'securitycode|cvv',
    'expirydate',
    'verificationcode|onetime(?:pass)?code',
    'password|passcode',
    'pinnumber',
    'socialsecurity|nationalinsurance|socialinsurance|idnumber',
    'accountnumber|sortcode',
    'maidenname',
    'e-?mailaddress|emailid',
  ]
    .map((alternatives) => `(${alternatives})`)
    .join('|'),
  'gi',
);

/** A Chinese speaker's cue words as an English recogniser writes them, in pinyin ("ka hao shi si wu yao …"): one pass, a group per kind. */
const PINYIN_KINDS: SensitiveKind[] = ['card', 'otp', 'password', 'dob', 'national_id', 'cvv', 'expiry'];
const PINYIN_CUES = /\b(?:(ka hao|yin hang ka|xin yong ka)|(yan zheng ma|dong tai ma|duan xin ma)|(mi ma)|(chu sheng(?: ri qi)?|sheng ri)|(shen fen zheng(?: hao)?)|(an quan ma)|(you xiao qi))\b/gi;

const ALL_CUES: ReadonlyArray<[CueKind, RegExp]> = [...SENSITIVE, ...KEEP];

/** Every cue in `text`; where two overlap, the longer wins ("social security number" over "security number"). */
export function findCues(text: string): Cue[] {
  const folded = text.replace(CONTRACTED_IS, (_word, stem: string) => `${stem} `);
  const versions = folded === text ? [text] : [text, folded];
  const all: Cue[] = [];
  for (const [kind, re] of ALL_CUES) {
    for (const version of versions) {
      re.lastIndex = 0;
      for (const match of version.matchAll(re)) {
        if (match[0].length === 0) continue;
        all.push({ start: match.index, end: match.index + match[0].length, kind });
      }
    }
  }
  for (const match of text.matchAll(PINYIN_CUES)) {
    const kind = PINYIN_KINDS[match.slice(1).findIndex((group) => group !== undefined)]!;
    all.push({ start: match.index, end: match.index + match[0].length, kind });
  }
  // Only long words can hold a glued cue (most words are short: this runs on every partial).
  for (const word of text.matchAll(/[A-Za-z-]{9,}/g)) {
    for (const match of word[0].matchAll(GLUED)) {
      const kind = GLUED_KINDS[match.slice(1).findIndex((group) => group !== undefined)]!;
      // Where the cues above found the same word, the two are one cue (the overlap check below).
      all.push({ start: word.index + match.index, end: word.index + match.index + match[0].length, kind });
    }
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Cue[] = [];
  for (const cue of all) {
    if (kept.some((k) => cue.start < k.end && k.start < cue.end)) continue;
    kept.push(cue);
  }
  return kept.sort((a, b) => a.start - b.start);
}
