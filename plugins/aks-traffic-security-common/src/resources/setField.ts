import { JsonObject, JsonValue } from '../types';

/**
 * Sets an own enumerable property, also for the key `__proto__`, which a
 * plain assignment would take as the object's prototype. Keys of parsed
 * input are data, so every copy of parsed input goes through this.
 */
export function setField(
  target: JsonObject,
  key: string,
  value: JsonValue,
): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return;
  }
  target[key] = value;
}
