import type { AppConfig } from '@tarojs/taro';

// WeChat refuses getLocation unless it is declared with a reason; other platforms reject the keys.
const weappOnly: Partial<AppConfig> =
  process.env.TARO_ENV === 'weapp'
    ? {
        requiredPrivateInfos: ['getLocation', 'chooseLocation'],
        // Only the components a page renders are injected at launch (WeChat's code-quality check asks for it).
        lazyCodeLoading: 'requiredComponents',
        // Privacy interfaces wait for the privacy sheet's agreePrivacyAuthorization button (platform/privacy.weapp.ts).
        __usePrivacyCheck__: true,
        permission: {
          'scope.userLocation': { desc: '签到时需要确认你在活动现场附近' },
        },
        preloadRule: {
          'pages/index/index': { network: 'all', packages: ['packages/auth', 'packages/signin'] },
        },
      }
    : {};

export default defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [
    { root: 'packages/auth', pages: ['dev-login/index', 'bind/index', 'legal/index', 'my-data/index'] },
    { root: 'packages/signin', pages: ['scan/index', 'session/index'] },
    { root: 'packages/organizer', pages: ['sessions/index', 'edit/index', 'roster/index'] },
    { root: 'packages/display', pages: ['index'] },
    { root: 'packages/admin', pages: ['invites/index', 'organization/index', 'people/index', 'import/index', 'groups/index', 'groups/detail', 'classes/index', 'mentors/index', 'exchanges/index', 'access-trail/index'] },
    { root: 'packages/archive', pages: ['mine/index', 'edit/index', 'reviews/index', 'school/index', 'pair/index'] },
    { root: 'packages/family', pages: ['bind/index', 'history/index', 'report/index'] },
    { root: 'packages/checkin', pages: ['campaign/index', 'edit/index', 'completion/index', 'manage/index'] },
    { root: 'packages/reports', pages: ['index'] },
    { root: 'packages/records', pages: ['reflection/index', 'manage/index', 'status/index'] },
    { root: 'packages/observe', pages: ['new/index', 'mine/index', 'coverage/index', 'scales/index'] },
  ],
  window: {
    navigationBarTitleText: '联研',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f2f6f8',
    backgroundTextStyle: 'light',
    // H5 draws no title bar unless asked: with it every sub-page has its title and a back button, as in the mini-programs.
    ...(process.env.TARO_ENV === 'h5' ? { navigationStyle: 'default' as const } : {}),
  },
  ...weappOnly,
});
