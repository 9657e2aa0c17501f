import { EarliestWake } from './earliest-wake';

describe('EarliestWake', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('wakes once, at the earliest time asked for', () => {
    const wake = jest.fn();
    const timer = new EarliestWake(wake);
    timer.in(500);
    timer.in(900);
    timer.in(200);
    jest.advanceTimersByTime(199);
    expect(wake).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(wake).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(1_000);
    expect(wake).toHaveBeenCalledTimes(1);
  });

  it('takes a new time once the last has fired, and wakes no more after cancel', () => {
    const wake = jest.fn();
    const timer = new EarliestWake(wake);
    timer.in(100);
    jest.advanceTimersByTime(100);
    timer.in(300);
    jest.advanceTimersByTime(300);
    expect(wake).toHaveBeenCalledTimes(2);
    timer.in(50);
    timer.cancel();
    jest.advanceTimersByTime(100);
    expect(wake).toHaveBeenCalledTimes(2);
  });
});
