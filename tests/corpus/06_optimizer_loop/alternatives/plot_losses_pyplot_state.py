# why: the tutorial's pyplot style on a figure made for this call, returned with plt.gcf()
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> plt.Figure:
    plt.figure()
    plt.title("loss")
    plt.plot([i + 1 for i in range(len(train_losses))], train_losses, label="train")
    if val_losses:
        plt.plot([i + 1 for i in range(len(val_losses))], val_losses, label="val")
    plt.xlabel("epoch")
    plt.ylabel("loss")
    plt.legend()
    return plt.gcf()
