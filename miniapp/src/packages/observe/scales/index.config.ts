export default definePageConfig({
  navigationBarTitleText: '课堂观察量表',
});
