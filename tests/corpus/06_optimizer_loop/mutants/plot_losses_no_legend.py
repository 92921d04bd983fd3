# mistake: labels the curves but never calls ax.legend(), so no legend is shown
# targets: test_plot_losses
# %% plot_losses
def plot_losses(train_losses: list[float], val_losses: list[float]) -> plt.Figure:
    fig, ax = plt.subplots()
    ax.plot(range(1, len(train_losses) + 1), train_losses, label="train")
    if val_losses:
        ax.plot(range(1, len(val_losses) + 1), val_losses, label="val")
    ax.set_title("loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    return fig
