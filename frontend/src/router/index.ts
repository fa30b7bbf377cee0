import { AxiosError } from 'axios'
import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteLocationRaw,
  type RouteRecordRaw,
  type RouterHistory,
} from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import type { RoutePermission } from '@/access/permission'
import { PERMISSIONS } from './menu'

declare module 'vue-router' {
  interface RouteMeta {
    /** public routes need no session (login, register, 404). */
    public?: boolean
    /** permission the user must hold, else the 403 page is shown. */
    permission?: RoutePermission
    /** titleKey is the i18n key of the page title. */
    titleKey?: string
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { public: true, titleKey: 'auth.login.title' },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/views/auth/RegisterView.vue'),
    meta: { public: true, titleKey: 'auth.register.title' },
  },
  {
    path: '/open-competitions',
    name: 'open-competitions',
    component: () => import('@/views/public/OpenCompetitionsView.vue'),
    meta: { public: true, titleKey: 'openCompetitions.title' },
  },
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/views/home/HomeView.vue'), meta: { titleKey: 'menu.home' } },
      {
        path: 'profile',
        name: 'profile',
        component: () => import('@/views/profile/ProfileView.vue'),
        meta: { titleKey: 'menu.profile' },
      },
      {
        path: 'bases',
        name: 'bases',
        component: () => import('@/views/bases/BasesView.vue'),
        meta: { permission: PERMISSIONS.bases, titleKey: 'menu.bases' },
      },
      {
        path: 'bases/:id(\\d+)',
        name: 'base-detail',
        component: () => import('@/views/bases/BaseDetailView.vue'),
        meta: { permission: PERMISSIONS.base, titleKey: 'bases.detailTitle' },
      },
      {
        path: 'projects',
        name: 'projects',
        component: () => import('@/views/projects/ProjectsView.vue'),
        meta: { permission: PERMISSIONS.projects, titleKey: 'menu.projects' },
      },
      {
        path: 'projects/:id(\\d+)',
        name: 'project-detail',
        component: () => import('@/views/projects/ProjectDetailView.vue'),
        meta: { permission: PERMISSIONS.project, titleKey: 'projects.detailTitle' },
      },
      {
        path: 'residency-applications',
        name: 'applications',
        component: () => import('@/views/residency/ApplicationsView.vue'),
        meta: { permission: PERMISSIONS.applications, titleKey: 'menu.applications' },
      },
      {
        path: 'residency-applications/:id(\\d+)',
        name: 'application-detail',
        component: () => import('@/views/residency/ApplicationDetailView.vue'),
        meta: { permission: PERMISSIONS.application, titleKey: 'applications.detailPageTitle' },
      },
      {
        path: 'residencies',
        name: 'residencies',
        component: () => import('@/views/residents/ResidenciesView.vue'),
        meta: { permission: PERMISSIONS.residencies, titleKey: 'menu.residencies' },
      },
      {
        path: 'residencies/:id(\\d+)',
        name: 'residency-detail',
        component: () => import('@/views/residents/ResidencyDetailView.vue'),
        meta: { permission: PERMISSIONS.residency, titleKey: 'residencies.detailTitle' },
      },
      {
        path: 'competitions',
        name: 'competitions',
        component: () => import('@/views/competitions/CompetitionsView.vue'),
        meta: { permission: PERMISSIONS.competitions, titleKey: 'menu.competitions' },
      },
      {
        path: 'competitions/:id(\\d+)',
        name: 'competition-detail',
        component: () => import('@/views/competitions/CompetitionDetailView.vue'),
        meta: { permission: PERMISSIONS.competition, titleKey: 'competitions.detailTitle' },
      },
      {
        path: 'entries/:id(\\d+)',
        name: 'entry-detail',
        component: () => import('@/views/entries/EntryDetailView.vue'),
        meta: { permission: PERMISSIONS.entry, titleKey: 'entries.detailTitle' },
      },
      {
        path: 'users',
        name: 'users',
        component: () => import('@/views/users/UsersView.vue'),
        meta: { permission: PERMISSIONS.users, titleKey: 'menu.users' },
      },
      {
        path: 'colleges',
        name: 'colleges',
        component: () => import('@/views/colleges/CollegesView.vue'),
        meta: { permission: PERMISSIONS.colleges, titleKey: 'menu.colleges' },
      },
      {
        path: 'audit-logs',
        name: 'audit',
        component: () => import('@/views/audit/AuditLogView.vue'),
        meta: { permission: PERMISSIONS.audit, titleKey: 'menu.audit' },
      },
      {
        path: 'rbac',
        name: 'rbac',
        component: () => import('@/views/rbac/PoliciesView.vue'),
        meta: { permission: PERMISSIONS.rbac, titleKey: 'menu.rbac' },
      },
      {
        path: '403',
        name: 'forbidden',
        component: () => import('@/views/errors/ForbiddenView.vue'),
        meta: { titleKey: 'errorPages.forbiddenTitle' },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/errors/NotFoundView.vue'),
    meta: { public: true, titleKey: 'errorPages.notFoundTitle' },
  },
]

/** safeRedirect accepts only same-site paths (no open redirect). */
export function safeRedirect(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/'
}

/**
 * authGuard: no session → login (remembering where to go); a route whose
 * permission the server has not granted → 403 page.
 */
export async function authGuard(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  const auth = useAuthStore()
  if (to.meta.public) {
    if (to.name === 'login' && auth.isLoggedIn && auth.me) return safeRedirect(to.query.redirect)
    return true
  }
  if (!auth.isLoggedIn) return { name: 'login', query: { redirect: to.fullPath } }
  if (!auth.me) {
    try {
      await auth.fetchMe()
    } catch (err) {
      // 401 here means the client already tried a refresh: the session is
      // over. Other failures keep the tokens so a retry from login works.
      if (err instanceof AxiosError && err.response?.status === 401) auth.clear()
      return { name: 'login', query: { redirect: to.fullPath } }
    }
  }
  const need = to.meta.permission
  if (need && !auth.can(need.method, need.path)) {
    return { name: 'forbidden', query: { from: to.fullPath }, replace: true }
  }
  return true
}

/** createAppRouter builds the router; tests pass a memory history. */
export function createAppRouter(history: RouterHistory = createWebHistory('/')) {
  const router = createRouter({ history, routes })
  router.beforeEach(authGuard)
  return router
}
