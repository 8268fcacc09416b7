import { expect, test } from 'vitest';
import { validateImsError, validateJob, validateJobProgress, validateQuickImportResponse } from './responses.js';

test('job bodies', () => {
  expect(validateJob({ job_id: 'j', status: 'RUNNING', entities: { process_percent: 50 } }).ok).toBe(true);
  const bad = validateJob({ job_id: 'j', status: 'DONE', entities: { process_percent: 101 } });
  expect(bad.ok ? [] : bad.issues.map((i) => [i.path, i.rule, i.code])).toEqual([
    ['/status', 'enum', 'IMG.0001'],
    ['/entities/process_percent', 'maximum', 'IMG.0001'],
  ]);
  expect(validateJobProgress({ status: 'INIT' }).ok).toBe(false);
});

test('error and accepted bodies', () => {
  expect(validateImsError({ error: { code: 'IMG.0003', message: 'bad name' } }).ok).toBe(true);
  const bad = validateImsError({ error: { code: 'APIGW.0301', message: 'x' } }, { locale: 'zh-CN' });
  expect(bad.ok ? '' : bad.issues[0]!.message).toContain('字段 "error/code"');
  expect(validateQuickImportResponse({ job_id: '' }).ok).toBe(false);
  expect(validateQuickImportResponse({}).ok ? [] : (validateQuickImportResponse({}) as { issues: { path: string }[] }).issues[0]!.path).toBe('/job_id');
});
