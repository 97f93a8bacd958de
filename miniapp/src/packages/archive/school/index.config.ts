export default definePageConfig({
  navigationBarTitleText: '教师档案',
});
