import express from 'express';
import request from 'supertest';
import { toProblem } from '../errors/problem-details';
import { parseJsonBody } from './json-body.guard';

/** The guard's parser behind a bare express app, answering as the problem filter does. */
function app() {
  const server = express();
  server.post('/', (req, res) => {
    parseJsonBody(req, res).then(
      () => res.json({ received: req.body }),
      (error: unknown) => {
        const { body } = toProblem(error);
        res.status(body.status).json(body);
      },
    );
  });
  return server;
}

const send = (raw: string) =>
  request(app()).post('/').set('Content-Type', 'application/json').send(raw);

describe('JSON bodies', () => {
  it.each([
    ['__proto__ at the top', '{"__proto__": {"isAdmin": true}}'],
    ['__proto__ nested', '{"lines": [{"note": "x", "__proto__": {"a": 1}}]}'],
    ['constructor.prototype', '{"constructor": {"prototype": {"a": 1}}}'],
    ['a bare constructor key', '{"name": "x", "constructor": 1}'],
    ['a prototype key', '{"prototype": "x"}'],
    ['an escaped __proto__', '{"\\u005f_proto__": {"a": 1}}'],
  ])('refuses %s with 400 VALIDATION_FAILED', async (_label, raw) => {
    const res = await send(raw).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.received).toBeUndefined();
  });

  it('accepts the same words as values and inside longer keys', async () => {
    const body = { note: '__proto__', constructorName: 'prototype' };
    const res = await send(JSON.stringify(body)).expect(200);
    expect(res.body.received).toEqual(body);
  });
});
