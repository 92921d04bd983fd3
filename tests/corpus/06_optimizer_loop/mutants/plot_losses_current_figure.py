# mistake: draws with plt.plot on the current figure without making a new one, so later calls add to the same figure
# targets: test_plot_losses
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> plt.Figure:
    plt.plot(range(1, len(train_losses) + 1), train_losses, label="train")
    if val_losses:
        plt.plot(range(1, len(val_losses) + 1), val_losses, label="val")
    plt.title("loss")
    plt.xlabel("epoch")
    plt.ylabel("loss")
    plt.legend()
    return plt.gcf()
