import type { OfficeDirectory } from '../offices';
import { referenceDefaults } from '../reference';

/**
 * Which ports an office serves as port visa office (出境入境管理法 art 20: the port visa authority at a port the
 * State Council approved) is local data: the office directory of the reference data (`ports` of an entry). A case
 * reads the directory it is lodged with; outside a case (tools, tests), the shipped one.
 */
export function portOfficeProblem(
  office: string,
  port: string,
  directory: OfficeDirectory = { version: 'default', data: referenceDefaults.offices.data },
): string | null {
  const ports = Object.hasOwn(directory.data, office) ? directory.data[office].ports : undefined;
  if (!ports) return `office ${office} is not a port visa office: a port visa is lodged in person at the port visa office of the port of arrival`;
  if (!ports.includes(port)) return `port visa office ${office} does not serve ${port} (it serves ${ports.join(', ')})`;
  return null;
}
