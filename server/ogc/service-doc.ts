// The `service-doc` page (/req/oas30/oas-impl / rel=service-doc): the OpenAPI document rendered
// as one self-contained HTML page, so it works offline and behind a firewall (no CDN, no script).
// Pure: OpenAPI JSON in, HTML text out.
import { serviceTitle } from './metadata.ts'

type Json = Record<string, unknown>

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const

function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/** `#/components/parameters/bbox` → that object of the document. */
function resolve(doc: Json, value: unknown): Json {
  const ref = (value as Json | undefined)?.$ref
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return (value ?? {}) as Json
  let node: unknown = doc
  for (const key of ref.slice(2).split('/')) node = (node as Json | undefined)?.[key]
  return (node ?? {}) as Json
}

function schemaSummary(schema: Json | undefined): string {
  if (!schema) return ''
  const parts: string[] = []
  const type = schema.type ?? (schema.$ref ? String(schema.$ref).split('/').pop() : '')
  if (type) parts.push(String(type))
  if (Array.isArray(schema.enum)) parts.push(`可选：${schema.enum.join(' | ')}`)
  if (schema.default !== undefined) parts.push(`默认 ${JSON.stringify(schema.default)}`)
  if (schema.maximum !== undefined) parts.push(`最大 ${String(schema.maximum)}`)
  return parts.join('；')
}

function operationHtml(doc: Json, path: string, method: string, op: Json): string {
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9_-]+/g, '-')
  const parameters = ((op.parameters as unknown[]) ?? []).map((p) => resolve(doc, p))
  const rows = parameters
    .map(
      (p) =>
        `<tr${p.deprecated ? ' class="deprecated"' : ''}><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td>` +
        `<td>${p.required ? '是' : ''}</td><td>${escapeHtml(schemaSummary(p.schema as Json))}</td>` +
        `<td>${escapeHtml(p.description)}${p.deprecated ? '（旧名，已不推荐）' : ''}</td></tr>`,
    )
    .join('')
  const responses = Object.entries((op.responses as Json) ?? {})
    .map(
      ([code, r]) =>
        `<li><code>${escapeHtml(code)}</code> ${escapeHtml(resolve(doc, r).description)}</li>`,
    )
    .join('')
  return (
    `<section class="op" id="${escapeHtml(id)}"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>` +
    `<p>${escapeHtml(op.summary)}</p>` +
    (op.description ? `<p class="d">${escapeHtml(op.description)}</p>` : '') +
    (rows
      ? `<table><thead><tr><th>参数</th><th>位置</th><th>必填</th><th>类型</th><th>说明</th></tr></thead><tbody>${rows}</tbody></table>`
      : '') +
    (responses ? `<ul class="r">${responses}</ul>` : '') +
    '</section>'
  )
}

/** The whole OpenAPI document as an HTML page, grouped by tag in the document's tag order. */
export function toServiceDocHtml(doc: Json, apiUrl: string): string {
  const info = (doc.info ?? {}) as Json
  const tags = ((doc.tags as Json[]) ?? []).map((t) => String(t.name))
  const byTag = new Map<string, string[]>()
  for (const [path, item] of Object.entries((doc.paths as Record<string, Json>) ?? {})) {
    for (const method of methods) {
      const op = item[method] as Json | undefined
      if (!op) continue
      const tag = String((op.tags as string[] | undefined)?.[0] ?? '其他')
      if (!tags.includes(tag)) tags.push(tag)
      const list = byTag.get(tag) ?? []
      list.push(operationHtml(doc, path, method, op))
      byTag.set(tag, list)
    }
  }
  const tagInfo = new Map(((doc.tags as Json[]) ?? []).map((t) => [String(t.name), t]))
  const sections = tags
    .filter((tag) => byTag.has(tag))
    .map((tag) => {
      const description = tagInfo.get(tag)?.description
      return (
        `<h2 id="tag-${escapeHtml(tag)}">${escapeHtml(tag)}</h2>` +
        (description ? `<p>${escapeHtml(description)}</p>` : '') +
        (byTag.get(tag) ?? []).join('')
      )
    })
    .join('')
  const toc = tags
    .filter((tag) => byTag.has(tag))
    .map((tag) => `<a href="#tag-${escapeHtml(tag)}">${escapeHtml(tag)}</a>`)
    .join(' · ')
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title ?? serviceTitle)} — 接口说明</title>
<style>
body{font:15px/1.6 "Noto Sans CJK SC","Noto Sans SC","Microsoft YaHei",sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1f2933}
h1{font-size:1.5rem}h2{border-bottom:2px solid #d0d7de;margin-top:2rem}h3{font-size:1rem;margin:.2rem 0}
.op{border:1px solid #d0d7de;border-radius:6px;padding:.5rem .8rem;margin:.6rem 0}
.m{display:inline-block;min-width:4.2em;text-align:center;color:#fff;border-radius:4px;font-size:.8rem;padding:0 .3em}
.get{background:#1f6feb}.post{background:#1a7f37}.put,.patch{background:#9a6700}.delete{background:#cf222e}
table{border-collapse:collapse;width:100%;font-size:.88rem}td,th{border:1px solid #d8dee4;padding:.2rem .4rem;text-align:left;vertical-align:top}
tr.deprecated{color:#6e7781}.d{color:#57606a}.r{margin:.3rem 0;font-size:.88rem}code{font-family:ui-monospace,monospace}
</style></head><body>
<h1>${escapeHtml(info.title ?? serviceTitle)}</h1>
<p>${escapeHtml(info.description).replaceAll('\n', '<br>')}</p>
<p>机器可读的 OpenAPI 3.0 定义：<a href="${escapeHtml(apiUrl)}?f=json">${escapeHtml(apiUrl)}?f=json</a>（版本 ${escapeHtml(info.version)}）</p>
<nav>${toc}</nav>
${sections}
</body></html>
`
}
