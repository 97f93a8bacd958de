import { LEGAL_VERSION } from './privacy.ts';

// 隐私政策 and 用户协议, zh-CN, as shown in-app (我的 → 隐私与协议). Changing a word here means bumping
// LEGAL_VERSION in privacy.ts: everyone is then asked to agree again. docs/privacy.md is the detailed list.

export interface LegalText {
  key: 'privacy' | 'terms';
  title: string;
  version: string;
  sections: Array<{ heading: string; paragraphs: string[] }>;
}

export const PRIVACY_POLICY: LegalText = {
  key: 'privacy',
  title: '联研隐私政策',
  version: LEGAL_VERSION,
  sections: [
    {
      heading: '一、我们是谁',
      paragraphs: [
        '联研是供校联体、学校、教师和家长使用的教研与家校活动工具，由部署本系统的教育主管部门或校联体（下称“运营方”）运营。本政策说明我们收集哪些个人信息、为什么收集、保存在哪里、谁能看到以及保存多久。',
      ],
    },
    {
      heading: '二、我们收集的信息',
      paragraphs: [
        '账号：微信或钉钉登录凭证对应的用户标识、姓名；教师的学校、职务、学科由学校管理员在名册中登记。',
        '手机号：仅在你使用“手机号快捷登录”或学校在名册中登记时保存，用于匹配学校名册；除有权限的管理员外，他人只能看到打码后的号码（如 138****5678）。',
        '位置：签到时读取一次手机位置，用于确认你在活动现场附近；服务器只保存与会场的距离和是否在范围内的结果，不保存经纬度。',
        '照片和文件：你主动上传的打卡照片、档案佐证材料，仅用于对应的打卡或档案记录。',
        '剪贴板：仅在你点击“复制链接/复制邀请码”时写入，我们不读取你的剪贴板。',
        '扫码：仅在你点击“扫码签到”时调用摄像头识别现场二维码，不保存图像。',
        '孩子信息（家长）：孩子的姓名、学校、年级、班级，仅在监护人同意后绑定，用于匹配家长学校活动；不收集孩子的其他信息。',
      ],
    },
    {
      heading: '三、谁能看到',
      paragraphs: [
        '你本人；你所在学校、校联体和区县的管理员按其职责查看（如签到名单、成长档案审核）。孩子的姓名只对孩子的家长和孩子所在学校可见，不出现在任何动态、简报或公开页面中。',
      ],
    },
    {
      heading: '四、保存期限',
      paragraphs: [
        '账号信息保存至你注销账号；签到、档案等教研记录按学校的学时与档案管理要求保存；服务器日志不记录姓名、手机号、位置等个人信息，保存 30 天。',
      ],
    },
    {
      heading: '五、你的权利',
      paragraphs: [
        '你可以在“我的”中查看和修改姓名、查看本政策、解除孩子绑定；可以拒绝授权位置、相册、摄像头等权限——拒绝后仍可通过输入签到码、稍后上传等方式继续使用。如需复制个人信息或注销账号，请联系所在学校管理员或运营方。',
      ],
    },
    {
      heading: '六、未满 14 周岁的儿童',
      paragraphs: ['孩子的信息只能由其监护人在阅读本政策并勾选同意后绑定；监护人可随时在“我的”中解除绑定，解除后孩子信息在无其他监护人绑定时一并删除。'],
    },
    {
      heading: '七、政策更新',
      paragraphs: [`本政策版本 ${LEGAL_VERSION}。内容更新时版本号随之变化，我们会在你下次使用时请你重新阅读并同意。`],
    },
  ],
};

export const USER_AGREEMENT: LegalText = {
  key: 'terms',
  title: '联研用户协议',
  version: LEGAL_VERSION,
  sections: [
    {
      heading: '一、服务内容',
      paragraphs: ['联研提供教研活动报名与签到、读书与师德打卡、成长档案、家长学校等功能。具体功能以你的身份（教师、管理员、家长）为准。'],
    },
    {
      heading: '二、账号',
      paragraphs: [
        '你通过微信或钉钉登录，并用学校发放的邀请码或登记的手机号绑定身份。请勿将邀请码转交他人，不得冒用他人身份签到或打卡。',
      ],
    },
    {
      heading: '三、你提交的内容',
      paragraphs: ['你上传的照片、文字和材料应真实、合法，不得侵犯他人权益；学校管理员可按职责审核或退回。'],
    },
    {
      heading: '四、协议更新',
      paragraphs: [`本协议版本 ${LEGAL_VERSION}，与《隐私政策》一同生效、一同更新。继续使用前需要你重新同意新版本。`],
    },
  ],
};
