import { describe, expect, it } from 'vitest';
import { callUrl, curlExample, pythonExample, pythonLiteral } from './callExamples';

const target = {
  origin: 'http://127.0.0.1:8000',
  endpoint: 'nightly',
  parameters: [
    { name: 'seed', type: 'integer', default: 7, description: '' },
    { name: 'label', type: 'string', default: "it's", description: '' },
    { name: 'scale', type: 'boolean', default: true, description: '' },
  ],
};

describe('call examples', () => {
  it('address the default version, or the one asked for', () => {
    expect(callUrl(target)).toBe('http://127.0.0.1:8000/api/endpoints/nightly/runs/');
    expect(callUrl({ ...target, origin: 'https://pw.example/', version: 2 })).toBe('https://pw.example/api/endpoints/nightly/versions/2/runs/');
  });

  it('writes a curl command with the parameters at their defaults, quoted for the shell', () => {
    expect(curlExample(target)).toBe(
      [
        "curl -X POST 'http://127.0.0.1:8000/api/endpoints/nightly/runs/' \\",
        "  -H 'Authorization: Token <YOUR-TOKEN>' \\",
        "  -H 'Content-Type: application/json' \\",
        `  -d '{"parameters":{"seed":7,"label":"it'\\''s","scale":true}}'`,
      ].join('\n'),
    );
  });

  it('writes a Python script with Python literals', () => {
    const script = pythonExample(target);
    expect(script).toContain('TOKEN = "<YOUR-TOKEN>"');
    expect(script).toContain('"http://127.0.0.1:8000/api/endpoints/nightly/runs/",');
    expect(script).toContain('        "seed": 7,\n        "label": "it\'s",\n        "scale": True,\n    }},');
    expect(pythonLiteral(null)).toBe('None');
    expect(pythonLiteral([false])).toBe('[\n    False,\n]');
    expect(pythonExample({ ...target, parameters: [] })).toContain('json={"parameters": {}},');
  });
});
