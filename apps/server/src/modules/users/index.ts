export { userRoutes } from './users.routes.ts';
export { ensureInitialAdmin, createUser, listUsers, setRoleByName } from './users.service.ts';
