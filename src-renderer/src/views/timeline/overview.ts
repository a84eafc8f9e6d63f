// The overview strip's sparkline: attempts per day over the whole case as a step-shaped area in a
// viewBox one unit per day wide and `height` units tall. A square-root scale keeps quiet days visible
// next to a swarm an order of magnitude taller.
export function sparklinePath(values: readonly number[], height: number): string {
  if (values.length === 0) return '';
  // A loop, not Math.max(...values): a case may span decades of days (stamps stay within 1970-2100), and one saved
  // before that bound centuries: more days than a call takes arguments.
  const max = values.reduce((a, b) => (b > a ? b : a), 0);
  const y = (value: number): number => (max > 0 ? height - (Math.sqrt(value) / Math.sqrt(max)) * height : height);
  const round = (n: number): number => Math.round(n * 100) / 100;
  const parts = [`M0 ${height}`];
  values.forEach((value, i) => {
    const top = round(y(value));
    parts.push(`L${i} ${top}`, `L${i + 1} ${top}`);
  });
  parts.push(`L${values.length} ${height}`, 'Z');
  return parts.join(' ');
}
