export interface StoredResponse {
  state: 'done';
  fingerprint: string;
  status: number;
  contentType: string;
  body: string;
}

export interface PendingRecord {
  state: 'pending';
  fingerprint: string;
}

/** Thrown by the guard to short-circuit a request with the first response. */
export class IdempotentReplay {
  constructor(readonly record: StoredResponse) {}
}
