/** "14:05", for the time axis (formatTime in components/Countdown gives the seconds too). */
export function clockMinute(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
}
