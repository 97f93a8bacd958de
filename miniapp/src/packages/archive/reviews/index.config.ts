export default definePageConfig({
  navigationBarTitleText: '档案审核',
  enablePullDownRefresh: true,
});
