/**
 * The port visa offices and the ports each serves (出境入境管理法 art 20: the port visa authority at a port the
 * State Council approved). An office is the division code it is registered under (docs/domain.md §1); which
 * ports an office serves is deployment data (local). Kept here, small, until the office directory of the
 * reference data holds it.
 */
export const PORT_VISA_OFFICES: Readonly<Record<string, readonly string[]>> = {
  '440106': ['Guangzhou Baiyun Airport'],
  '440304': ['Shenzhen Huanggang', 'Shenzhen Futian'],
  '440303': ['Shenzhen Luohu'],
  '440305': ['Shenzhen Bay', 'Shekou'],
  '310115': ['Shanghai Pudong Airport'],
  '110105': ['Beijing Capital Airport'],
};

/** Why this office cannot take a port visa for this port, or null. */
export function portOfficeProblem(office: string, port: string, offices: Readonly<Record<string, readonly string[]>> = PORT_VISA_OFFICES): string | null {
  const ports = offices[office];
  if (!ports) return `office ${office} is not a port visa office: a port visa is lodged in person at the port visa office of the port of arrival`;
  if (!ports.includes(port)) return `port visa office ${office} does not serve ${port} (it serves ${ports.join(', ')})`;
  return null;
}
