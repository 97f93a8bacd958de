import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const platform = process.env.TARO_ENV ?? 'h5';

// TARO_APP_* from the shell with per-platform defaults; Taro inlines them and src/config.ts reads them.
function clientEnv(): Record<string, string> {
  const defaults: Record<string, string> = {
    TARO_APP_API_BASE: platform === 'h5' ? '' : 'https://api.example.com',
    TARO_APP_ID: 'touristappid',
    TARO_APP_DD_CORP_ID: '',
    TARO_APP_STAGE: 'production',
    TARO_APP_WECHAT_REMINDER_TEMPLATE: '',
    TARO_APP_WECHAT_CHECKIN_TEMPLATE: '',
  };
  const fromShell = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[0].startsWith('TARO_APP_') && entry[1] !== undefined,
    ),
  );
  const values = { ...defaults, ...fromShell };
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, JSON.stringify(value)]));
}

// Each build type registers only the platform plugin it needs (weapp and h5 are built into the CLI).
const platformPlugins: Record<string, string[]> = {
  dd: ['@tarojs/plugin-platform-alipay-dd'],
};

// Shared schemas are TypeScript source outside this package; zod ships modern syntax older engines lack.
const compileInclude = [
  path.resolve(__dirname, '../../shared/src'),
  (filename: string) => /[\\/]node_modules[\\/]zod[\\/]/.test(filename),
];

// npm keeps this plugin under miniapp/node_modules, where the hoisted @tarojs/taro-h5 cannot find it.
const frameworkReactDir = path.dirname(require.resolve('@tarojs/plugin-framework-react/package.json'));

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'lianyan-miniapp',
    designWidth: 375,
    deviceRatio: {
      375: 2,
      640: 2.34 / 2,
      750: 1,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: platformPlugins[platform] ?? [],
    env: clientEnv(),
    // `@/…` is miniapp/src (as in tsconfig.json `paths` and the vitest unit project): no `../../../` climbs.
    alias: { '@tarojs/plugin-framework-react': frameworkReactDir, '@': path.resolve(__dirname, '../src') },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    logger: { quiet: true, stats: false },
    mini: {
      compile: { include: compileInclude },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: compileInclude },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // Taro splits only initial chunks on H5, so every lazy page would carry its own copy of the components.
      webpackChain(chain) {
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
