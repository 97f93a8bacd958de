export default definePageConfig({
  navigationBarTitleText: '活动心得',
});
