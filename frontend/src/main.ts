import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { createAppRouter } from './router'
import { currentLocale, i18n } from './i18n'
import { bindSession } from './api/http'
import { useAuthStore } from './stores/auth'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(ElementPlus)

const router = createAppRouter()
const auth = useAuthStore(pinia)

bindSession({
  accessToken: () => auth.accessToken,
  refresh: () => auth.refresh(),
  expire: () => {
    auth.clear()
    // During the first navigation (nothing matched yet) the route guard
    // redirects to login itself, keeping the target page.
    const here = router.currentRoute.value
    if (here.meta.public || here.matched.length === 0) return
    void router.replace({ name: 'login', query: { redirect: here.fullPath, expired: '1' } })
  },
  locale: currentLocale,
})

router.afterEach((to) => {
  const title = i18n.global.t('app.title')
  document.title = to.meta.titleKey ? `${i18n.global.t(to.meta.titleKey)} - ${title}` : title
})

document.documentElement.lang = currentLocale()
app.use(router)
app.mount('#app')
