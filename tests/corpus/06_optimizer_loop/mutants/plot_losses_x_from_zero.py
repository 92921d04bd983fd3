# mistake: ax.plot(losses) puts the first epoch at x = 0 instead of 1
# targets: test_plot_losses
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> plt.Figure:
    fig, ax = plt.subplots()
    ax.plot(train_losses, label="train")
    if val_losses:
        ax.plot(val_losses, label="val")
    ax.set_title("loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.legend()
    return fig
