// The workflows the scripts run. Built only from core.noop so a run measures
// Taskloom itself (API, router, queue, executor, state writes), not a task's work.
import http from 'k6/http';
import { apiUrl, jsonHeaders } from './config.js';

export function noopDefinition(name) {
  return {
    name: name,
    description: 'k6 load test: one core.noop task',
    tasks: [{ key: 'noop', type: 'core.noop', input: {} }],
  };
}

// 10 tasks: start → 8 parallel branches → join. Exercises fan-out (8 children
// ready at once) and fan-in (join becomes ready exactly once, after the last).
export function fanoutDefinition(name) {
  const branches = [];
  for (let i = 1; i <= 8; i++) {
    branches.push({ key: 'branch-' + i, type: 'core.noop', dependsOn: ['start'], input: { branch: i } });
  }
  const join = {
    key: 'join',
    type: 'core.noop',
    dependsOn: branches.map(function (task) {
      return task.key;
    }),
    input: {},
  };
  return {
    name: name,
    description: 'k6 load test: fan-out/fan-in of 10 core.noop tasks',
    tasks: [{ key: 'start', type: 'core.noop', input: {} }].concat(branches, [join]),
  };
}

export function definitionFor(cfg) {
  return cfg.workflow === 'fanout' ? fanoutDefinition(cfg.workflowName) : noopDefinition(cfg.workflowName);
}

// Fails setup() (and so the whole test) with a readable reason instead of
// letting thousands of iterations report connection errors.
export function assertReady(cfg) {
  const res = http.get(cfg.baseUrl + '/health/ready', { headers: jsonHeaders(cfg), tags: { name: 'health_ready' } });
  if (res.status === 0) {
    throw new Error(
      'Taskloom is not reachable at ' + cfg.baseUrl + ' (' + res.error + '); start it with `npm start` or set BASE_URL',
    );
  }
  if (res.status !== 200) {
    throw new Error(
      'Taskloom at ' + cfg.baseUrl + ' is not ready (GET /health/ready → ' + res.status + '): ' + res.body,
    );
  }
}

// POST /api/v1/workflows: 201 registers a new version, 200 means the same
// definition was already the latest. Both give { name, version }.
export function registerWorkflow(cfg) {
  const res = http.post(apiUrl(cfg, '/workflows'), JSON.stringify(definitionFor(cfg)), {
    headers: jsonHeaders(cfg),
    tags: { name: 'register_workflow' },
  });
  if (res.status !== 201 && res.status !== 200) {
    throw new Error('registering workflow ' + cfg.workflowName + ' failed: ' + res.status + ' ' + res.body);
  }
  const body = res.json();
  return { name: body.name, version: body.version };
}
