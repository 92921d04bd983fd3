# mistake: plots against range(len(losses)), so the first epoch sits at x = 0
# targets: test_plot_losses
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> Figure:
    fig = Figure()
    ax = fig.add_subplot()
    ax.plot(range(len(train_losses)), train_losses, label="train")
    ax.plot(range(len(val_losses)), val_losses, label="val")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.set_title("loss curves")
    ax.legend()
    return fig
