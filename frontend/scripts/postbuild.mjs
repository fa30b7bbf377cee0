// Copies the Swagger UI assets that the backend's /api/docs page loads into
// dist/apidocs/, and recreates dist/.gitkeep: Vite empties outDir, but the Go
// binary embeds frontend/dist with go:embed, which needs the folder to exist
// (and be tracked) in a fresh clone.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
const require = createRequire(import.meta.url)
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'))

const apidocs = join(dist, 'apidocs')
mkdirSync(apidocs, { recursive: true })
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
  copyFileSync(join(swaggerDir, file), join(apidocs, file))
}
writeFileSync(join(dist, '.gitkeep'), '')
console.log('postbuild: copied Swagger UI assets to dist/apidocs and recreated dist/.gitkeep')
