import { mockServices } from '@backstage/backend-test-utils';
import { ReadFailureLog } from './ReadFailureLog';

describe('ReadFailureLog', () => {
  it('logs each distinct error once with its entities', () => {
    const logger = mockServices.logger.mock();
    const log = new ReadFailureLog();

    for (let index = 1; index <= 7; index += 1) {
      log.add(`component:default/s${index}`, 'timed out');
    }
    log.add('component:default/other', 'forbidden');
    log.flush(logger, 'azure');

    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledWith(
      'Failed to read the resources of 7 entities',
      {
        source: 'azure',
        error: 'timed out',
        entityRefs:
          'component:default/s1, component:default/s2, component:default/s3, component:default/s4, component:default/s5 and 2 more',
      },
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'Failed to read the resources of 1 entity',
      {
        source: 'azure',
        error: 'forbidden',
        entityRefs: 'component:default/other',
      },
    );
  });

  it('clears what it logged', () => {
    const logger = mockServices.logger.mock();
    const log = new ReadFailureLog();

    log.add('component:default/shop', 'timed out');
    log.flush(logger, 'azure');
    log.flush(logger, 'azure');

    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
