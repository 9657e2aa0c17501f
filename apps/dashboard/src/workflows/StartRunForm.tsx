import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { showJson } from '../app/format';
import { navigate } from '../app/router';

/** Without an inputSchema any JSON object is accepted; the form then offers a JSON text box. */
const FREE_INPUT: RJSFSchema = { type: 'object', additionalProperties: true };

/**
 * Start a run: a form generated from the version's inputSchema by
 * react-jsonschema-form, validated in the browser with Ajv as you type after
 * the first submit, and again by the API (whose errors are shown as well).
 */
export function StartRunForm({
  name,
  version,
  owner,
  inputSchema,
}: {
  name: string;
  version: number;
  owner?: string;
  inputSchema: Record<string, unknown> | undefined;
}) {
  const [tags, setTags] = useState('');
  const [freeInput, setFreeInput] = useState('{}');
  const start = useMutation({
    mutationFn: (input: unknown) =>
      api.post<{ id: string }>(`/workflows/${encodeURIComponent(name)}/runs`, {
        input,
        version,
        ...(owner ? { owner } : {}),
        ...(tags.trim()
          ? {
              tags: tags
                .split(',')
                .map((tag) => tag.trim())
                .filter(Boolean),
            }
          : {}),
      }),
    onSuccess: (run) => navigate(`/runs/${run.id}`),
  });
  const failure = start.error;
  const tagField = (
    <label>
      Tags (comma-separated)
      <input value={tags} onChange={(event) => setTags(event.target.value)} />
    </label>
  );
  const apiError = failure && (
    <div className="error" role="alert" data-testid="start-error">
      {failure.message}
      {failure instanceof ApiError && failure.details !== undefined && (
        <pre className="json">{showJson(failure.details)}</pre>
      )}
    </div>
  );
  if (!inputSchema) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(freeInput);
    } catch {
      parsed = undefined;
    }
    return (
      <form
        className="start-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (parsed !== undefined) start.mutate(parsed);
        }}
      >
        <label>
          Input (JSON)
          <textarea rows={6} value={freeInput} onChange={(event) => setFreeInput(event.target.value)} />
        </label>
        {parsed === undefined && <p className="error">Not valid JSON.</p>}
        {tagField}
        {apiError}
        <button type="submit" className="primary" disabled={parsed === undefined || start.isPending}>
          Start run
        </button>
      </form>
    );
  }
  return (
    <div className="start-form" data-testid="start-form">
      <Form
        schema={{ ...(inputSchema as RJSFSchema), ...(inputSchema.type ? {} : FREE_INPUT) }}
        validator={validator}
        noHtml5Validate
        showErrorList="top"
        onSubmit={({ formData }) => start.mutate(formData ?? {})}
        disabled={start.isPending}
      >
        {tagField}
        {apiError}
        <button type="submit" className="primary">
          Start run
        </button>
      </Form>
    </div>
  );
}
