export declare const isMobile: boolean;
export declare const isChrome: boolean;
export declare const isAndroid: boolean;
