// The two editions of the site and the few sentences the build itself writes (the generated sections of
// the guides, the sidebar groups, the language switch). Everything else a reader sees comes from the spec
// (English, or English with the zh-CN overlay applied) and from the Markdown guides.
export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

export interface EditionText {
  /** `lang` of the page */
  htmlLang: string;
  /** where the edition's index.html goes, relative to dist/ ('' for the English root) */
  dir: string;
  /** the language switch: a plain relative link, so it works from file:// and on any server path */
  switchTo: { href: string; label: string; hreflang: string };
  groups: { guides: string; api: string };
  titleSuffix: string;
  catalog: {
    columns: string;
    imgHeading: (count: number) => string;
    imgBody: string;
    apigwHeading: (count: number) => string;
    apigwBody: string;
  };
  workedExample: {
    inputs: (vectorId: string) => string;
    step1: string;
    step2: (canonicalUri: string) => string;
    step3: string;
    step4: string;
    step5: string;
  };
  decisionSource: (file: string) => string;
  ruleSources: {
    summary: (rules: number, warnings: number) => string;
    legend: string;
    header: string;
    severity: Record<'error' | 'warning' | 'strict', string>;
  };
}

export const EDITIONS: Record<Locale, EditionText> = {
  en: {
    htmlLang: 'en',
    dir: '',
    switchTo: { href: 'zh-CN/index.html', label: '中文', hreflang: 'zh-CN' },
    groups: { guides: 'Guides', api: 'API reference' },
    titleSuffix: 'API reference and guides',
    catalog: {
      columns: '| Code | Message (中文) | What to do |',
      imgHeading: (n) => `IMG codes (image service, ${n} codes)`,
      imgBody: 'Body: `{"error": {"code": "IMG.xxxx", "message": "…"}}`. Under each code: its HTTP status and, where there is one, the request field it concerns.',
      apigwHeading: (n) => `APIGW codes (API gateway, ${n} codes)`,
      apigwBody: 'Body: `{"error_code": "APIGW.xxxx", "error_msg": "…", "request_id": "…"}`. Some gateways write `APIG.` instead of `APIGW.`.',
    },
    workedExample: {
      inputs: (id) => `Fixed inputs (vector \`${id}\` of Huawei's official Node.js signer; the AK and SK are made up):`,
      step1: '**Step 1 — hash the body.** Lower-case hex SHA-256 of the exact bytes sent:',
      step2: (uri) => `**Step 2 — canonical request.** Method; the path with a trailing \`/\` (\`${uri}\`); an empty query line; one \`name:value\` line per signed header, sorted; an empty line; the signed header names; the body hash:`,
      step3: '**Step 3 — string to sign.** The algorithm, the `X-Sdk-Date` value and the hex SHA-256 of the canonical request:',
      step4: '**Step 4 — signature.** Lower-case hex HMAC-SHA256 of the string to sign, keyed with the SK:',
      step5: '**Step 5 — header.** Send it with the signed headers:',
    },
    decisionSource: (file) => `*Source: \`docs/decisions/${file}\`.*`,
    ruleSources: {
      summary: (n, w) => `${n} rules; ${w} of them no official source states, so the validators only warn about them by default.`,
      legend: 'GoSDK = huaweicloud/huaweicloud-sdk-go-v3; OTC = opentelekomcloud-docs/image-management-service; HW-CN / HW-intl = Huawei Cloud API pages by id.',
      header: '| Where | Rule | Breaking it is | Source |',
      severity: { error: 'error', warning: 'warning (error under strict)', strict: 'strict profile only' },
    },
  },
  'zh-CN': {
    htmlLang: 'zh-CN',
    dir: 'zh-CN',
    switchTo: { href: '../index.html', label: 'English', hreflang: 'en' },
    groups: { guides: '指南', api: 'API 参考' },
    titleSuffix: 'API 参考与指南',
    catalog: {
      columns: '| 错误码 | 错误信息（English） | 处理建议 |',
      imgHeading: (n) => `IMG 错误码（镜像服务，共 ${n} 个）`,
      imgBody: '响应体：`{"error": {"code": "IMG.xxxx", "message": "…"}}`。每个错误码下方列出其 HTTP 状态码，以及（如有）相关的请求字段。',
      apigwHeading: (n) => `APIGW 错误码（API 网关，共 ${n} 个）`,
      apigwBody: '响应体：`{"error_code": "APIGW.xxxx", "error_msg": "…", "request_id": "…"}`。部分网关返回的前缀是 `APIG.` 而不是 `APIGW.`。',
    },
    workedExample: {
      inputs: (id) => `固定输入（取自华为云官方 Node.js 签名 SDK 的测试向量 \`${id}\`；AK 和 SK 均为虚构）：`,
      step1: '**第 1 步：计算请求体哈希。** 对实际发送的请求体字节计算 SHA-256，输出小写十六进制：',
      step2: (uri) => `**第 2 步：构造规范请求。** 依次为：请求方法；以 \`/\` 结尾的路径（\`${uri}\`）；空的查询字符串行；每个参与签名的头部一行 \`name:value\`，按名称排序；一个空行；参与签名的头部名称列表；请求体哈希：`,
      step3: '**第 3 步：构造待签字符串。** 依次为：签名算法、`X-Sdk-Date` 的值、规范请求的 SHA-256 十六进制值：',
      step4: '**第 4 步：计算签名。** 以 SK 为密钥，对待签字符串计算 HMAC-SHA256，输出小写十六进制：',
      step5: '**第 5 步：添加认证头。** 与参与签名的头部一起发送：',
    },
    decisionSource: (file) => `*英文原文：\`docs/decisions/${file}\`。*`,
    ruleSources: {
      summary: (n, w) => `共 ${n} 条规则；其中 ${w} 条没有任何官方来源说明，因此校验器默认只对它们给出警告。`,
      legend: 'GoSDK = huaweicloud/huaweicloud-sdk-go-v3；OTC = opentelekomcloud-docs/image-management-service；HW-CN / HW-intl = 按 ID 标注的华为云中文站 / 国际站 API 页面。',
      header: '| 位置 | 规则 | 违反时 | 来源 |',
      severity: { error: '错误', warning: '警告（strict 配置下为错误）', strict: '仅 strict 配置' },
    },
  },
};
