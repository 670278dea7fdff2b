// A list's exports: one text link per format, each downloading the file the server makes.

export type DownloadLink = readonly [label: string, href: string]

export function DownloadLinks({ links }: { links: readonly DownloadLink[] }) {
  return links.map(([label, href]) => (
    <a key={label} className="text-button" href={href} download>
      {label}
    </a>
  ))
}
