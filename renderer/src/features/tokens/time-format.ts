import { formatTime } from '../../components/Countdown';

/** 24-hour clock times, the same on the canvas, in tooltips and in the list: "14:05:09". */
export const clockTime = formatTime;

/** "14:05", for the time axis. */
export function clockMinute(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
}
