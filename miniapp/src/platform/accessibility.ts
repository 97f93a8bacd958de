/** WeChat and DingTalk render native controls with their own accessibility: nothing to add. */
export function installAccessibility(): void {}
