export default definePageConfig({
  navigationBarTitleText: '教师名册',
});
