import {
  gateway,
  gatewayWith,
  GATEWAY_ID,
  IDENTITY_ID,
  runCheck,
} from '../__testUtils__/gatewayBodies';
import { userAssignedIdentity } from './userAssignedIdentity';

function verdictOf(identity: any) {
  return runCheck(userAssignedIdentity, [
    gateway(
      gatewayWith(() => {}),
      { identity },
    ),
  ]);
}

describe('ingress.appgw.user-assigned-identity', () => {
  it('passes a user-assigned identity', () => {
    expect(verdictOf(undefined).verdict).toBe('pass');
  });

  it('passes the combined identity type', () => {
    const result = verdictOf({
      type: 'SystemAssigned, UserAssigned',
      userAssignedIdentities: { [IDENTITY_ID]: {} },
    });

    expect(result.verdict).toBe('pass');
  });

  it('fails a system-assigned identity', () => {
    const result = verdictOf({
      type: 'SystemAssigned',
      principalId: '33333333-3333-3333-3333-333333333333',
    });

    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('SystemAssigned');
  });

  it('fails a user-assigned type with no identities', () => {
    expect(
      verdictOf({ type: 'UserAssigned', userAssignedIdentities: {} }).verdict,
    ).toBe('fail');
  });

  it('fails no identity', () => {
    expect(verdictOf(null).verdict).toBe('fail');
    expect(verdictOf({ type: 'None' }).verdict).toBe('fail');
  });

  it('is unknown when the gateway was not read', () => {
    expect(
      runCheck(userAssignedIdentity, [], { scope: { gatewayId: GATEWAY_ID } })
        .verdict,
    ).toBe('unknown');
  });
});
