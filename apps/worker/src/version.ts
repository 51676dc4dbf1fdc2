import rootPackage from "../../../package.json";

export const VERSION: string = rootPackage.version;
