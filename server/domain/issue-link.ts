// Where a person opens the ledger and one issue in it: the overview with the 台账 panel open and the
// issue selected (client/lib/url-state.ts reads `panel` and `sel`). The 消息中心 links with it, and
// 催办 messages to 企业微信 / 钉钉 / SMS prefix the server's public address (PUBLIC_BASE_URL).

export const ledgerPath = '/?panel=ledger'

export function issuePath(issueId: string): string {
  return `${ledgerPath}&sel=issues/${encodeURIComponent(issueId)}`
}

/** An absolute link for a message leaving the product; none without a public address to put in it. */
export function linkTo(baseUrl: string | undefined, path: string): { link?: string } {
  return baseUrl ? { link: `${baseUrl.replace(/\/+$/, '')}${path}` } : {}
}
