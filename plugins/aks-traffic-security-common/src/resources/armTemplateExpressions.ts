import { JsonObject, JsonValue } from '../types';
import { isJsonObject } from './json';
import { setField } from './setField';

/**
 * The subscription and resource group of the ids synthesised for ARM template
 * resources. A template does not know where it will be deployed, so every
 * resource of every template gets these.
 *
 * @public
 */
export const TEMPLATE_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';

/** @public */
export const TEMPLATE_RESOURCE_GROUP = 'template';

/**
 * Builds the id of an ARM template resource from its type and name, the same
 * way for a resource's own `name` and for a `resourceId(...)` reference to it,
 * so that references between template resources can be joined. Unresolved
 * name parts keep their expression text in brackets, such as
 * `[parameters('clusterName')]`.
 *
 * @public
 */
export function templateResourceId(type: string, name: string): string {
  const [namespace, ...typeSegments] = type.split('/');
  const nameSegments = splitResourceName(name);

  const path: string[] = [namespace];
  typeSegments.forEach((segment, index) => {
    path.push(segment);
    if (index < nameSegments.length) {
      path.push(nameSegments[index]);
    }
  });
  // A name with more segments than the type has levels keeps the rest.
  path.push(...nameSegments.slice(typeSegments.length));

  return `/subscriptions/${TEMPLATE_SUBSCRIPTION_ID}/resourceGroups/${TEMPLATE_RESOURCE_GROUP}/providers/${path.join(
    '/',
  )}`;
}

/**
 * Splits a resource name on `/`, except inside bracketed expression text.
 *
 * @public
 */
export function splitResourceName(name: string): string[] {
  const segments: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of name) {
    if (character === '[') depth += 1;
    if (character === ']') depth = Math.max(0, depth - 1);
    if (character === '/' && depth === 0) {
      segments.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  segments.push(current);
  return segments;
}

/**
 * The result of evaluating an ARM template expression. An unresolved result
 * keeps a rendering in which the parts that could not be evaluated appear as
 * their expression text in brackets.
 */
export type Evaluated =
  | { resolved: true; value: JsonValue }
  | { resolved: false; partial: string; functionName?: string };

/**
 * The parameters and variables an ARM template's expressions read.
 */
export class TemplateScope {
  private readonly parameterDefinitions: Map<string, JsonValue>;
  private readonly parameterValues: Map<string, Evaluated>;
  private readonly variables: Map<string, JsonValue>;
  private readonly resolving = new Set<string>();

  constructor(
    template: JsonObject,
    parameterValues: Map<string, Evaluated> = new Map(),
  ) {
    this.parameterDefinitions = lowerCaseMap(template.parameters);
    this.parameterValues = parameterValues;
    this.variables = lowerCaseMap(template.variables);
  }

  parameter(name: string): Evaluated {
    const key = name.toLowerCase();
    const passedValue = this.parameterValues.get(key);
    if (passedValue) {
      return passedValue;
    }

    const definition = this.parameterDefinitions.get(key);
    if (isJsonObject(definition) && definition.defaultValue !== undefined) {
      return this.guarded(`parameter:${key}`, () =>
        this.evaluateValue(definition.defaultValue),
      );
    }
    return unresolved(`parameters('${name}')`);
  }

  variable(name: string): Evaluated {
    const key = name.toLowerCase();
    const value = this.variables.get(key);
    if (value === undefined) {
      return unresolved(`variables('${name}')`);
    }
    return this.guarded(`variable:${key}`, () => this.evaluateValue(value));
  }

  /** Evaluates every expression string in a JSON value. */
  evaluateValue(value: JsonValue): Evaluated {
    if (typeof value === 'string') {
      return evaluateTemplateString(value, this);
    }
    if (Array.isArray(value)) {
      const items = value.map(item => this.evaluateValue(item));
      const failed = items.find(item => !item.resolved);
      return (
        failed ??
        resolved(items.map(item => (item as { value: JsonValue }).value))
      );
    }
    if (isJsonObject(value)) {
      const result: JsonObject = {};
      for (const [key, field] of Object.entries(value)) {
        const evaluated = this.evaluateValue(field);
        if (!evaluated.resolved) {
          return evaluated;
        }
        setField(result, key, evaluated.value);
      }
      return resolved(result);
    }
    return resolved(value);
  }

  /** Stops a parameter or variable that refers to itself. */
  private guarded(key: string, evaluate: () => Evaluated): Evaluated {
    if (this.resolving.has(key) || this.resolving.size > 32) {
      return unresolved(key);
    }
    this.resolving.add(key);
    try {
      return evaluate();
    } finally {
      this.resolving.delete(key);
    }
  }
}

function lowerCaseMap(value: JsonValue | undefined): Map<string, JsonValue> {
  const map = new Map<string, JsonValue>();
  if (isJsonObject(value)) {
    for (const [key, field] of Object.entries(value)) {
      map.set(key.toLowerCase(), field);
    }
  }
  return map;
}

function resolved(value: JsonValue): Evaluated {
  return { resolved: true, value };
}

function unresolved(text: string, functionName?: string): Evaluated {
  return { resolved: false, partial: `[${text}]`, functionName };
}

class ExpressionParser {
  private position = 0;

  constructor(
    private readonly source: string,
    private readonly scope: TemplateScope,
  ) {}

  parseExpression(): Evaluated {
    this.skipSpace();
    const start = this.position;
    let result = this.parsePrimary();

    // Property access (`.name`) and indexing (`[0]`) after a call.
    for (;;) {
      this.skipSpace();
      const next = this.source[this.position];
      if (next === '.') {
        this.position += 1;
        const property = this.readIdentifier();
        result = access(
          result,
          property,
          this.source.slice(start, this.position),
        );
      } else if (next === '[') {
        this.position += 1;
        const index = this.parseExpression();
        this.skipSpace();
        this.expect(']');
        const key = index.resolved ? index.value : undefined;
        result = access(result, key, this.source.slice(start, this.position));
      } else {
        return result;
      }
    }
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.position !== this.source.length) {
      throw new Error(`Unexpected text at ${this.position}`);
    }
  }

  private parsePrimary(): Evaluated {
    const next = this.source[this.position];
    if (next === "'") {
      return resolved(this.readString());
    }
    if (next !== undefined && /[-0-9]/.test(next)) {
      return resolved(this.readNumber());
    }

    const start = this.position;
    const name = this.readIdentifier();
    this.skipSpace();
    this.expect('(');
    const args: Evaluated[] = [];
    this.skipSpace();
    if (this.source[this.position] !== ')') {
      for (;;) {
        args.push(this.parseExpression());
        this.skipSpace();
        if (this.source[this.position] === ',') {
          this.position += 1;
          continue;
        }
        break;
      }
    }
    this.expect(')');
    return callFunction(
      name,
      args,
      this.source.slice(start, this.position),
      this.scope,
    );
  }

  private readString(): string {
    this.position += 1;
    let text = '';
    for (;;) {
      const character = this.source[this.position];
      if (character === undefined) {
        throw new Error('Unterminated string');
      }
      this.position += 1;
      if (character === "'") {
        if (this.source[this.position] === "'") {
          text += "'";
          this.position += 1;
          continue;
        }
        return text;
      }
      text += character;
    }
  }

  private readNumber(): number {
    const match = /^-?\d+(\.\d+)?/.exec(this.source.slice(this.position));
    if (!match) {
      throw new Error(`Invalid number at ${this.position}`);
    }
    this.position += match[0].length;
    return Number(match[0]);
  }

  private readIdentifier(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(
      this.source.slice(this.position),
    );
    if (!match) {
      throw new Error(`Expected a name at ${this.position}`);
    }
    this.position += match[0].length;
    return match[0];
  }

  private expect(character: string): void {
    this.skipSpace();
    if (this.source[this.position] !== character) {
      throw new Error(`Expected ${character} at ${this.position}`);
    }
    this.position += 1;
  }

  private skipSpace(): void {
    while (/\s/.test(this.source[this.position] ?? '')) {
      this.position += 1;
    }
  }
}

/** Tells whether a string is an ARM template expression, `[...]` but not `[[...`. */
export function isTemplateExpression(value: string): boolean {
  const trimmed = value.trim();
  return (
    trimmed.startsWith('[') &&
    !trimmed.startsWith('[[') &&
    trimmed.endsWith(']')
  );
}

/**
 * Evaluates a template string. A plain string evaluates to itself, and
 * `[[x]` to the literal `[x]`. An expression `[...]` is evaluated with the
 * functions that names and references use: `parameters`, `variables`,
 * `concat`, `format`, `toLower`, `toUpper`, `string` and `resourceId`. Any
 * other function, such as `resourceGroup()` or `reference()`, leaves the
 * result unresolved.
 */
export function evaluateTemplateString(
  value: string,
  scope: TemplateScope,
): Evaluated {
  const trimmed = value.trim();
  if (trimmed.startsWith('[[')) {
    return resolved(trimmed.slice(1));
  }
  if (!isTemplateExpression(value)) {
    return resolved(value);
  }

  const source = trimmed.slice(1, -1);
  const parser = new ExpressionParser(source, scope);
  try {
    const result = parser.parseExpression();
    parser.expectEnd();
    return result;
  } catch {
    return unresolved(source);
  }
}

/** Renders an evaluation as a string, with unresolved parts in brackets. */
export function renderPartial(evaluated: Evaluated): string {
  if (!evaluated.resolved) {
    return evaluated.partial;
  }
  return typeof evaluated.value === 'string'
    ? evaluated.value
    : JSON.stringify(evaluated.value);
}

function access(
  target: Evaluated,
  key: JsonValue | undefined,
  text: string,
): Evaluated {
  if (!target.resolved || key === undefined) {
    return unresolved(text);
  }
  const value = target.value;
  if (Array.isArray(value) && typeof key === 'number') {
    return key in value ? resolved(value[key]) : unresolved(text);
  }
  if (isJsonObject(value) && typeof key === 'string') {
    const match = Object.keys(value).find(
      name => name.toLowerCase() === key.toLowerCase(),
    );
    return match === undefined ? unresolved(text) : resolved(value[match]);
  }
  return unresolved(text);
}

function callFunction(
  name: string,
  args: Evaluated[],
  text: string,
  scope: TemplateScope,
): Evaluated {
  const functionName = name.toLowerCase();
  const first = args[0];

  switch (functionName) {
    case 'parameters':
    case 'variables': {
      if (!first?.resolved || typeof first.value !== 'string') {
        return unresolved(text);
      }
      return functionName === 'parameters'
        ? scope.parameter(first.value)
        : scope.variable(first.value);
    }
    case 'concat':
      return joinStrings(args, args.map(renderPartial).join(''));
    case 'format': {
      if (!first?.resolved || typeof first.value !== 'string') {
        return unresolved(text);
      }
      const rendered = first.value.replace(
        /\{(\d+)(:[^}]*)?\}/g,
        (whole, index) => {
          const argument = args[Number(index) + 1];
          return argument ? renderPartial(argument) : whole;
        },
      );
      return joinStrings(args.slice(1), rendered);
    }
    case 'tolower':
    case 'toupper': {
      if (!first?.resolved || typeof first.value !== 'string') {
        return unresolved(text);
      }
      return resolved(
        functionName === 'tolower'
          ? first.value.toLowerCase()
          : first.value.toUpperCase(),
      );
    }
    case 'string':
      return first?.resolved
        ? resolved(renderPartial(first))
        : unresolved(text);
    case 'resourceid':
      return resourceIdCall(args, text);
    default:
      return unresolved(text, functionName);
  }
}

function joinStrings(args: Evaluated[], rendered: string): Evaluated {
  if (args.every(argument => argument.resolved)) {
    return resolved(rendered);
  }
  return { resolved: false, partial: rendered };
}

/**
 * `resourceId([subscriptionId], [resourceGroupName], resourceType, name1, ...)`.
 * The subscription and resource group arguments are ignored, so that the id
 * matches the one synthesised for the resource itself.
 */
function resourceIdCall(args: Evaluated[], text: string): Evaluated {
  const rendered = args.map(renderPartial);
  const typeIndex = rendered.findIndex(
    (argument, index) =>
      args[index].resolved && /^[^/\s]+\.[^/\s]+\/[^/\s]/.test(argument),
  );
  if (typeIndex < 0) {
    return unresolved(text, 'resourceid');
  }

  const id = templateResourceId(
    rendered[typeIndex],
    rendered.slice(typeIndex + 1).join('/'),
  );
  if (args.slice(typeIndex + 1).every(argument => argument.resolved)) {
    return resolved(id);
  }
  return { resolved: false, partial: id, functionName: 'resourceid' };
}
