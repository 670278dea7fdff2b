/** A row's public id from its sequence number: `mat-0001`, `plan-0012`, `handover-12345`. */
export const seqId = (prefix: string, seq: number | bigint): string =>
  `${prefix}-${String(seq).padStart(4, '0')}`
